package report

import (
	"time"

	"ctdesk/storage"
)

// Satisfaction is how the requesters rated the quarter's services (every
// closed ticket asks for a 1–5 rating and an optional comment).
type Satisfaction struct {
	// Services has the services of the KPI, in its order.
	Services []ServiceRating
	Overall  ServiceRating
	// Comments are the ratings that came with a comment, oldest first.
	Comments []RatingComment
}

// ServiceRating is the ratings of one service.
type ServiceRating struct {
	Service string
	Count   int
	Sum     int
}

// Average returns the mean score; ok is false when nothing was rated.
func (s ServiceRating) Average() (avg float64, ok bool) {
	if s.Count == 0 {
		return 0, false
	}
	return float64(s.Sum) / float64(s.Count), true
}

// RatingComment is a rating given with a comment.
type RatingComment struct {
	Folio, Service string
	Score          int
	Comment        string
	At             time.Time
}

// ratings gathers the ratings of the quarter's tickets, as given by now.
func ratings(tickets []storage.Ticket, services []ServiceCounts) Satisfaction {
	var s Satisfaction
	idx := map[string]int{}
	for _, sc := range services {
		idx[sc.Service] = len(s.Services)
		s.Services = append(s.Services, ServiceRating{Service: sc.Service})
	}
	for i := range tickets {
		t := &tickets[i]
		if t.Rating == nil || t.Rating.Score < 1 || t.Rating.Score > 5 {
			continue
		}
		if j, ok := idx[t.Service]; ok {
			s.Services[j].Count++
			s.Services[j].Sum += t.Rating.Score
		}
		s.Overall.Count++
		s.Overall.Sum += t.Rating.Score
		if t.Rating.Comment != "" {
			s.Comments = append(s.Comments, RatingComment{Folio: t.Folio, Service: t.Service,
				Score: t.Rating.Score, Comment: t.Rating.Comment, At: t.Rating.At})
		}
	}
	return s
}
