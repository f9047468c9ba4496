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

// metrics are the service's Prometheus metrics (README «Métricas»), on a
// registry of their own: one per service, so that tests running several
// in one process read each its own.
type metrics struct {
	reg           *prometheus.Registry
	updates       *prometheus.CounterVec
	updateSeconds *prometheus.HistogramVec
	refused       *prometheus.CounterVec
	dedup         *prometheus.CounterVec
	sent          *prometheus.CounterVec
	failed        *prometheus.CounterVec
	dropped       *prometheus.CounterVec
	outboxAge     *prometheus.HistogramVec
	jobRuns       *prometheus.CounterVec
	jobSeconds    *prometheus.HistogramVec
}

var _ bot.Observer = (*metrics)(nil)

func newMetrics() *metrics {
	counter := func(name, help string, labels ...string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
	}
	histogram := func(name, help string, buckets []float64, labels ...string) *prometheus.HistogramVec {
		return prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: name, Help: help, Buckets: buckets}, labels)
	}
	m := &metrics{
		reg:     prometheus.NewRegistry(),
		updates: counter("ctdesk_updates_total", "Chat updates handled, by platform and outcome (ok, duplicate, refused, error).", "platform", "outcome"),
		updateSeconds: histogram("ctdesk_update_seconds", "Time to handle one update through dialog and store.",
			[]float64{.001, .0025, .005, .01, .025, .05, .1, .25, 1}, "platform"),
		refused: counter("ctdesk_presses_refused_total", "Button presses by someone who may not press them.", "platform"),
		dedup:   counter("ctdesk_dedup_hits_total", "Updates the platform delivered again, recognised and not applied twice.", "platform"),
		sent:    counter("ctdesk_messages_sent_total", "Outbox messages delivered.", "platform"),
		failed:  counter("ctdesk_messages_failed_total", "Delivery attempts that failed and will be tried again, by reason.", "platform", "reason"),
		dropped: counter("ctdesk_messages_dropped_total", "Outbox messages given up, by reason.", "reason"),
		outboxAge: histogram("ctdesk_outbox_age_seconds", "Time from queueing a message to its delivery.",
			[]float64{.05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600}, "platform"),
		jobRuns: counter("ctdesk_job_runs_total", "Scheduled job runs by this replica, by job and outcome (ok, error).", "job", "outcome"),
		jobSeconds: histogram("ctdesk_job_seconds", "Time a scheduled job run took.",
			[]float64{.01, .1, .5, 1, 5, 30, 120}, "job"),
	}
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.updates, m.updateSeconds, m.refused, m.dedup, m.sent, m.failed, m.dropped, m.outboxAge, m.jobRuns, m.jobSeconds)
	return m
}

// Sent counts a delivery and its age.
func (m *metrics) Sent(platform string, age time.Duration) {
	m.sent.WithLabelValues(platform).Inc()
	m.outboxAge.WithLabelValues(platform).Observe(age.Seconds())
}

// Failed counts an attempt that will be retried.
func (m *metrics) Failed(platform, why string) { m.failed.WithLabelValues(platform, why).Inc() }

// Dropped counts a message given up.
func (m *metrics) Dropped(why string) { m.dropped.WithLabelValues(why).Inc() }

// jobRan counts a scheduled job's run.
func (m *metrics) jobRan(job string, took time.Duration, err error) {
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	m.jobRuns.WithLabelValues(job, outcome).Inc()
	m.jobSeconds.WithLabelValues(job).Observe(took.Seconds())
}

// instrumented counts and times the updates the intake handles.
type instrumented struct {
	h bot.Handler
	m *metrics
}

func (i instrumented) Handle(ctx context.Context, ev conversations.Event) (conversations.Result, error) {
	start := time.Now()
	res, err := i.h.Handle(ctx, ev)
	outcome := "ok"
	switch {
	case err != nil:
		outcome = "error"
	case res.Duplicate:
		outcome = "duplicate"
		i.m.dedup.WithLabelValues(ev.Platform).Inc()
	case res.Refused:
		outcome = "refused"
		i.m.refused.WithLabelValues(ev.Platform).Inc()
	}
	i.m.updates.WithLabelValues(ev.Platform, outcome).Inc()
	i.m.updateSeconds.WithLabelValues(ev.Platform).Observe(time.Since(start).Seconds())
	return res, err
}

// registerMetrics serves /metrics, with the outbox's length and each chat
// platform's state read at each scrape.
func registerMetrics(s *service) {
	reg := s.metrics.reg
	reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "ctdesk_outbox_pending", Help: "Messages waiting in the outbox."}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		n, err := s.store.PendingOutbox(ctx)
		if err != nil {
			return -1
		}
		return float64(n)
	}))
	if s.platforms != nil {
		reg.MustRegister(platformsUp{s.platforms})
	}
	s.mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
}

// platformsUp reports ctdesk_platform_up for each chat platform.
type platformsUp struct{ p *bot.Platforms }

var platformUpDesc = prometheus.NewDesc("ctdesk_platform_up", "1 while the chat platform is connected, 0 while it is down.", []string{"platform"}, nil)

func (platformsUp) Describe(ch chan<- *prometheus.Desc) { ch <- platformUpDesc }

func (u platformsUp) Collect(ch chan<- prometheus.Metric) {
	for _, st := range u.p.States() {
		v := 0.0
		if st.Up {
			v = 1
		}
		ch <- prometheus.MustNewConstMetric(platformUpDesc, prometheus.GaugeValue, v, st.Platform)
	}
}
