#!/usr/bin/env bash
# Formats the Swift sources with the toolchain's swift-format and the project's .swift-format
# (4 spaces, 120 columns, layout rules only); .ci/run fails when `swift format lint` finds a change.
set -euo pipefail
cd "$(dirname "$0")/.."
swift format format --in-place --recursive --parallel Sources Tests Fuzz/Sources Package.swift
