package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"time"
)

func healthcheckCommand() *command {
	return &command{name: "healthcheck", aliases: []string{"salud"},
		summary: "pregunta al servicio en marcha si está listo (para HEALTHCHECK de contenedores)",
		help: `Consulta /readyz en CTDESK_HTTP_ADDR (por omisión 127.0.0.1:8080; una dirección
0.0.0.0 o :8080 se consulta en 127.0.0.1). Termina con 0 si el servicio responde que está
listo y con 1 si no. No abre ningún almacén.`,
		setup: func(fs *flag.FlagSet) runFunc {
			timeout := fs.Duration("timeout", 3*time.Second, "cuánto esperar la respuesta, p. ej. `3s`")
			return func(c *call) error { return healthcheck(c, *timeout) }
		}}
}

// healthcheck asks the running service's /readyz.
func healthcheck(c *call, timeout time.Duration) error {
	env, err := c.env()
	if err != nil {
		return err
	}
	url, err := readyURL(env.HTTPAddr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(c.ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("el servicio no responde en %s: %s", url, netReason(err))
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("el servicio responde en %s pero no está listo (%d): %s", url, resp.StatusCode, strings.TrimSpace(string(body)))
	}
	fmt.Fprint(c.stdout, string(body))
	return nil
}

// readyURL is the /readyz address of a listener address; a wildcard host is
// asked on the loopback interface.
func readyURL(addr string) (string, error) {
	if addr == "" {
		addr = "127.0.0.1:8080"
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("CTDESK_HTTP_ADDR=%s no es una dirección: escribe HOST:PUERTO, p. ej. 127.0.0.1:8080 o :8080", addr)
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::", "[::]":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/readyz", nil
}

// netReason says in Spanish why a connection failed.
func netReason(err error) string {
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "nadie escucha ahí (¿está corriendo ctdesk y es la misma CTDESK_HTTP_ADDR?)"
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return "no contestó a tiempo"
	case errors.Is(err, syscall.EADDRNOTAVAIL), errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return "la dirección no se alcanza desde aquí"
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return "no se encontró el nombre «" + dns.Name + "»"
	}
	return err.Error()
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
