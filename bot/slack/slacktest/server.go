package slacktest

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// Tokens and ids a server uses unless told otherwise.
const (
	DefaultBotToken = "xoxb-1-fake-bot-token"
	DefaultAppToken = "xapp-1-fake-app-token"
	BotUserID       = "UBOT"
	TeamID          = "T0CTDESK"
)

// Server is a fake Slack. All methods are safe for concurrent use.
type Server struct {
	base     string
	ln       net.Listener
	hs       *http.Server
	upgrader websocket.Upgrader
	logf     func(string, ...any)
	closing  chan struct{}
	once     sync.Once
	wg       sync.WaitGroup

	// PingInterval is how often the websocket pings the client; set it
	// before the client connects.
	PingInterval time.Duration

	mu        sync.Mutex
	botToken  string
	appToken  string
	seq       int
	users     map[string]*User
	ims       map[string]string // user -> im channel
	channels  map[string]*channel
	files     map[string]*File
	calls     []Call
	malformed int
	faults    map[string][]Fault
	sock      socketState
	http      httpTarget
}

// User is a member of the fake workspace.
type User struct {
	ID       string
	Name     string
	Disabled bool
}

// Fault is an error a method answers once, injected by FailNext.
type Fault struct {
	// Status is the HTTP status (429 for rate limits; 200 for a Slack
	// error with ok=false).
	Status int
	// RetryAfter is sent as the Retry-After header, in seconds.
	RetryAfter int
	// Error is the Slack error code ("ratelimited", "channel_not_found").
	Error string
}

// Call is one Web API request the server received.
type Call struct {
	Method string
	Params map[string]string
	// Error is the error code answered, "" when ok.
	Error string
	At    time.Time
}

// New starts a server on 127.0.0.1 and closes it when the test ends.
func New(tb testing.TB) *Server {
	tb.Helper()
	s, err := Start("127.0.0.1:0")
	if err != nil {
		tb.Fatalf("slacktest: %v", err)
	}
	s.logf = tb.Logf
	tb.Cleanup(s.Close)
	return s
}

// Start runs a server on addr until Close.
func Start(addr string) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("slacktest: listen: %w", err)
	}
	s := &Server{
		base:         "http://" + ln.Addr().String(),
		ln:           ln,
		logf:         func(string, ...any) {},
		closing:      make(chan struct{}),
		PingInterval: 5 * time.Second,
		botToken:     DefaultBotToken,
		appToken:     DefaultAppToken,
		users:        map[string]*User{},
		ims:          map[string]string{},
		channels:     map[string]*channel{},
		files:        map[string]*File{},
		faults:       map[string][]Fault{},
		sock:         newSocketState(),
	}
	// Slack's client sends Origin: https://api.slack.com; any origin is fine here.
	s.upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/{method}", s.serveAPI)
	mux.HandleFunc("/link/", s.serveSocket)
	mux.HandleFunc("/upload/{id}", s.serveUpload)
	mux.HandleFunc("/files-pri/{id}/{name}", s.serveDownload)
	s.hs = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		_ = s.hs.Serve(ln)
	}()
	return s, nil
}

// Close stops the server and its websockets.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.closing)
		s.closeSockets()
		_ = s.hs.Close()
		s.wg.Wait()
	})
}

// APIURL is the Web API base for slack.OptionAPIURL, with its trailing slash.
func (s *Server) APIURL() string { return s.base + "/api/" }

// URL is the server's base address.
func (s *Server) URL() string { return s.base }

// BotToken is the bot token (xoxb-) the Web API accepts.
func (s *Server) BotToken() string { return s.botToken }

// AppToken is the app-level token (xapp-) apps.connections.open accepts.
func (s *Server) AppToken() string { return s.appToken }

// AddUser adds a member to the workspace (or renames one).
func (s *Server) AddUser(id, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.userLocked(id).Name = name
}

// Disable deactivates a member: the bot can no longer open a DM with them.
func (s *Server) Disable(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.userLocked(id).Disabled = true
}

// FailNext makes the next call of method fail with f.
func (s *Server) FailNext(method string, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[method] = append(s.faults[method], f)
}

func (s *Server) userLocked(id string) *User {
	u := s.users[id]
	if u == nil {
		u = &User{ID: id, Name: strings.ToLower(id)}
		s.users[id] = u
	}
	return u
}

// nextLocked returns a fresh sequence number.
func (s *Server) nextLocked() int {
	s.seq++
	return s.seq
}

// tsLocked returns a fresh message timestamp.
func (s *Server) tsLocked() string {
	return fmt.Sprintf("1764172800.%06d", s.nextLocked())
}

// writeJSON answers a Web API call.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
