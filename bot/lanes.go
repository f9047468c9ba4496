package bot

import "sync"

// lanes runs jobs one after another per key, and jobs of different keys in
// parallel: a key's jobs run in the order they were added, each after the
// one before has returned. A key's goroutine ends when its queue is empty.
type lanes struct {
	mu     sync.Mutex
	queues map[string][]func()
}

// add queues job behind the key's earlier jobs.
func (l *lanes) add(key string, job func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.queues == nil {
		l.queues = map[string][]func(){}
	}
	q, running := l.queues[key]
	l.queues[key] = append(q, job)
	if !running {
		go l.run(key)
	}
}

// do runs job in the caller's goroutine once the key's earlier jobs are
// done, and returns when it has run.
func (l *lanes) do(key string, job func()) {
	l.mu.Lock()
	if l.queues == nil {
		l.queues = map[string][]func(){}
	}
	if q, running := l.queues[key]; running {
		done := make(chan struct{})
		l.queues[key] = append(q, func() { job(); close(done) })
		l.mu.Unlock()
		<-done
		return
	}
	l.queues[key] = nil // running, nothing behind
	l.mu.Unlock()
	job()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.queues[key]) == 0 {
		delete(l.queues, key)
		return
	}
	go l.run(key) // what was queued meanwhile
}

// run works through the key's queue until it is empty.
func (l *lanes) run(key string) {
	for {
		l.mu.Lock()
		q := l.queues[key]
		if len(q) == 0 {
			delete(l.queues, key)
			l.mu.Unlock()
			return
		}
		job := q[0]
		q[0] = nil
		l.queues[key] = q[1:]
		l.mu.Unlock()
		job()
	}
}
