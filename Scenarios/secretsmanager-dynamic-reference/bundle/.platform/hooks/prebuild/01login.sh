#!/bin/bash
echo $PASSWD | docker login -u $USER --password-stdin quay.io
