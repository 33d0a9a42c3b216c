#!/bin/bash
echo "collecting static files"
