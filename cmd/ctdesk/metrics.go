package main

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"ctdesk/bot"
	"ctdesk/conversations"
)

var (
	eventsHandled = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ctdesk_events_total", Help: "Chat events handled, by platform and outcome.",
	}, []string{"platform", "outcome"})
	eventSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "ctdesk_event_seconds", Help: "Time to handle one event through dialog and store.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, 1},
	}, []string{"platform"})
)

// instrumented counts and times the events the intake handles.
type instrumented struct{ h bot.Handler }

func instrument(h bot.Handler) bot.Handler { return instrumented{h} }

func (i instrumented) Handle(ctx context.Context, ev conversations.Event) (conversations.Result, error) {
	start := time.Now()
	res, err := i.h.Handle(ctx, ev)
	outcome := "ok"
	switch {
	case err != nil:
		outcome = "error"
	case res.Duplicate:
		outcome = "duplicate"
	}
	eventsHandled.WithLabelValues(ev.Platform, outcome).Inc()
	eventSeconds.WithLabelValues(ev.Platform).Observe(time.Since(start).Seconds())
	return res, err
}

// registerMetrics serves /metrics on a registry of this process.
func registerMetrics(s *service) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		eventsHandled, eventSeconds,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "ctdesk_outbox_pending", Help: "Messages waiting in the outbox."}, func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			n, err := s.store.PendingOutbox(ctx)
			if err != nil {
				return -1
			}
			return float64(n)
		}))
	s.mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
}
