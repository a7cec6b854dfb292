# local/jre:jdk: the runtime's base (JRE_IMAGE) without Docker Hub: a runtime that jlink made from the JDK that ran
# docker/local-images.sh, at the path and with the PATH of eclipse-temurin's JRE images.
ARG BASE=local/debian:bookworm
FROM ${BASE}
COPY jre/ /opt/java/openjdk/
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
