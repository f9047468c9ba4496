// Package report computes the service indicator of the procedure (§4:
// cumplimiento of the services requested or programmed, target 90 %) and
// draws the records people print: the quarterly report DP-RG.02,
// printable (PDF) and electronic (CSV), and a request CT-RG.03 (PDF). It
// names codes through the Labels it is given: the texts catalogue of
// conversations, which it may not import.
package report

import (
	"cmp"
	"slices"
	"time"

	"ctdesk/storage"
)

// Target is the minimum cumplimiento the procedure sets (§4).
const Target = 0.90

// Services lists the procedure's services in its order (§5).
var Services = []string{"mantenimiento", "web", "correo", "diseno", "control-escolar"}

// Counts are the figures of the indicator for one service or for all.
//
// The base is Requested + Programmed: tickets created in the period, except
// rejected and cancelled ones, which were never services to deliver, and
// those still waiting for their visto bueno when the period ended, which
// were not yet requested of CT; they are counted apart. A ticket is
// Fulfilled when it is closed ("cerrado") before the period ends, so a
// report made days later does not move; one closed afterwards stays Pending
// in this period.
type Counts struct {
	Requested   int // created in the period on request, not rejected or cancelled
	Programmed  int // created in the period from the CT-RG.01 program, not cancelled
	Fulfilled   int // of the base, closed before the period ended
	OnTime      int // of the fulfilled, closed by the end of the last committed day
	Pending     int // of the base, not fulfilled in the period
	Rejected    int // created in the period and rejected (outside the base)
	Cancelled   int // created in the period and cancelled (outside the base)
	Awaiting    int // created in the period, still waiting for a visto bueno at its end (outside the base)
	Reschedules int // committed dates replaced, over the tickets of the base
}

// Base returns the denominator of the indicator: requested plus programmed.
func (c Counts) Base() int { return c.Requested + c.Programmed }

// Rate returns the cumplimiento, fulfilled over base; ok is false when the
// base is empty.
func (c Counts) Rate() (rate float64, ok bool) {
	if c.Base() == 0 {
		return 0, false
	}
	return float64(c.Fulfilled) / float64(c.Base()), true
}

// OnTimeRate returns the on-time fulfilled over the fulfilled; ok is false
// when nothing was fulfilled.
func (c Counts) OnTimeRate() (rate float64, ok bool) {
	if c.Fulfilled == 0 {
		return 0, false
	}
	return float64(c.OnTime) / float64(c.Fulfilled), true
}

// BelowTarget reports whether there is a base and its rate is under Target.
func (c Counts) BelowTarget() bool {
	r, ok := c.Rate()
	return ok && r < Target
}

func (c *Counts) add(o outcome) {
	switch {
	case o.rejected:
		c.Rejected++
		return
	case o.cancelled:
		c.Cancelled++
		return
	case o.awaiting:
		c.Awaiting++
		return
	case o.programmed:
		c.Programmed++
	default:
		c.Requested++
	}
	c.Reschedules += o.reschedules
	if o.fulfilled {
		c.Fulfilled++
		if o.onTime {
			c.OnTime++
		}
	} else {
		c.Pending++
	}
}

// ServiceCounts are the counts of one service.
type ServiceCounts struct {
	Service string
	Counts
}

// KPI is the indicator over a period [From, To).
type KPI struct {
	From, To time.Time
	Overall  Counts
	// Services has the five services in the procedure's order, even when
	// empty, then any other service found, by id.
	Services []ServiceCounts
	// Partial is set when the period had not ended when the KPI was
	// computed: the rate is the one so far, a projection.
	Partial bool
}

// Compute returns the indicator for the tickets created in [from, to); other
// tickets are ignored, so callers may pass more. loc is the institution's
// time zone, where a committed date's day ends; awaiting tells the statuses
// that wait for a visto bueno.
func Compute(tickets []storage.Ticket, from, to time.Time, loc *time.Location, awaiting Awaiting) KPI {
	k := KPI{From: from, To: to}
	idx := map[string]int{}
	for _, s := range Services {
		idx[s] = len(k.Services)
		k.Services = append(k.Services, ServiceCounts{Service: s})
	}
	var extra []string
	for i := range tickets {
		t := &tickets[i]
		if t.Created.Before(from) || !t.Created.Before(to) {
			continue
		}
		o := classify(t, to, loc, awaiting)
		k.Overall.add(o)
		j, ok := idx[t.Service]
		if !ok {
			j = len(k.Services)
			idx[t.Service] = j
			k.Services = append(k.Services, ServiceCounts{Service: t.Service})
			extra = append(extra, t.Service)
		}
		k.Services[j].add(o)
	}
	if len(extra) > 1 {
		slices.SortFunc(k.Services[len(Services):], func(a, b ServiceCounts) int {
			return cmp.Compare(a.Service, b.Service)
		})
	}
	return k
}

// SoFar returns the indicator of the period [from, to) as it stands at now:
// the projection of the digest and of the chat command. Partial is set when
// now is before to.
func SoFar(tickets []storage.Ticket, from, to, now time.Time, loc *time.Location, awaiting Awaiting) KPI {
	end := to
	if now.Before(to) {
		end = now
	}
	k := Compute(tickets, from, end, loc, awaiting)
	k.To, k.Partial = to, now.Before(to)
	return k
}
