# ctdesk en un contenedor: binario estático, usuario sin privilegios, zona
# horaria y certificados incluidos, y un HEALTHCHECK con «ctdesk healthcheck»
# (la imagen no tiene curl). Construir: docker build -t ctdesk .
# cmd/ctdesk/packaging_test.go compila con la misma orden de «go build».

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=""
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.version=${VERSION}" -o /out/ctdesk ./cmd/ctdesk
RUN mkdir -p /out/data

# distroless/static: sin shell ni gestor de paquetes; trae los certificados
# de CA, la base de zonas horarias y el usuario nonroot (65532).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ctdesk /usr/local/bin/ctdesk
COPY --from=build --chown=65532:65532 /out/data /data
USER nonroot:nonroot
WORKDIR /data
ENV CTDESK_HTTP_ADDR=0.0.0.0:8080 \
    CTDESK_DATA=/data/ctdesk.db \
    CTDESK_LOG_FORMAT=json
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/usr/local/bin/ctdesk", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/ctdesk"]
CMD ["serve"]
