#!/bin/bash
USER=$(/opt/elasticbeanstalk/bin/get-config environment -k DOCKER_USER)
/opt/elasticbeanstalk/bin/get-config environment -k PASSWD | docker login -u "$USER" --password-stdin quay.io
