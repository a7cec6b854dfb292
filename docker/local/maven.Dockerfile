# local/maven:jdk: the build stage's base (BUILD_IMAGE) without Docker Hub. Maven from its binary distribution and
# the JDK that ran docker/local-images.sh, both copied from the build context that the script prepares.
ARG BASE=local/debian:bookworm
FROM ${BASE}
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY jdk/ /opt/java/openjdk/
COPY maven/ /opt/maven/
ENV MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:/opt/maven/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
