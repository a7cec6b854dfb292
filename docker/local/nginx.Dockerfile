# local/nginx:bookworm: the nginx service (NGINX_IMAGE) without Docker Hub: Debian's nginx in the foreground, its
# configuration at /etc/nginx/nginx.conf as in the official image.
ARG BASE=local/debian:bookworm
FROM ${BASE}
RUN apt-get update && apt-get install -y --no-install-recommends nginx \
 && rm -rf /var/lib/apt/lists/* \
 && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
