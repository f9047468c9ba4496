package main

// Schedules configures the scheduled jobs (DESIGN §4).
type Schedules struct{}

func (s *Schedules) validate() error { return nil }
