package main

import (
	"errors"
	"fmt"
	"syscall"
)

// listenError explains why the HTTP listener could not open.
func listenError(addr string, err error) error {
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Errorf("CTDESK_HTTP_ADDR=%s: la dirección ya está en uso; otro proceso escucha ahí (¿otro ctdesk?). Detenlo o elige otra dirección con CTDESK_HTTP_ADDR", addr)
	case errors.Is(err, syscall.EACCES):
		return fmt.Errorf("CTDESK_HTTP_ADDR=%s: no hay permiso para escuchar en ese puerto (los menores de 1024 requieren privilegios); usa uno como 8080", addr)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return fmt.Errorf("CTDESK_HTTP_ADDR=%s: esta máquina no tiene esa dirección; usa 127.0.0.1, 0.0.0.0 o una de sus direcciones", addr)
	}
	return fmt.Errorf("CTDESK_HTTP_ADDR=%s: no pude escuchar ahí (%v); escribe HOST:PUERTO, p. ej. 127.0.0.1:8080", addr, err)
}
