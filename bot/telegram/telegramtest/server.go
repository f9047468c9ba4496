package telegramtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// DefaultToken is the bot token a server accepts unless WithToken is given.
const DefaultToken = "123456789:AAFakeTokenForTestsOnly_abcdefghijk"

// Server is a fake Bot API server. All methods are safe for concurrent use.
type Server struct {
	cfg     config
	bot     wireUser
	ln      net.Listener
	hs      *http.Server
	base    string
	closing chan struct{}
	once    sync.Once
	workers sync.WaitGroup

	mu        sync.Mutex
	calls     []Call
	malformed int
	tooMany   int
	injected  int
	chats     map[int64]*chatState
	state     updatesState
	callbacks map[string]*callbackState
	answers   []Answer
	files     map[string]*File
	paths     map[string]*File
	nextFile  int
	commands  map[string][]Command
	lim       *limiter
	failNext  map[string][]Fault
	hook      func(Call) *Fault
	blocked   map[int64]bool
}

// New starts a server on 127.0.0.1 and closes it when the test ends.
func New(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	opts = append([]Option{withLogf(tb.Logf)}, opts...)
	s, err := Start("127.0.0.1:0", opts...)
	if err != nil {
		tb.Fatalf("telegramtest: %v", err)
	}
	tb.Cleanup(s.Close)
	return s
}

// Start runs a server on addr (for example "127.0.0.1:0") until Close.
func Start(addr string, opts ...Option) (*Server, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	id := botIDFromToken(cfg.token)
	yes, no := true, false
	s := &Server{
		cfg: cfg,
		bot: wireUser{ID: id, IsBot: true, FirstName: cfg.botName, UserName: cfg.botUserName,
			CanJoinGroups: &yes, CanReadAllGroupMessages: &no, SupportsInlineQueries: &no},
		ln:        ln,
		base:      "http://" + ln.Addr().String(),
		closing:   make(chan struct{}),
		chats:     map[int64]*chatState{},
		callbacks: map[string]*callbackState{},
		files:     map[string]*File{},
		paths:     map[string]*File{},
		commands:  map[string][]Command{},
		lim:       newLimiter(cfg.limits),
		failNext:  map[string][]Fault{},
		blocked:   map[int64]bool{},
	}
	s.state.init()
	s.hs = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.hs.Serve(ln) }()
	s.workers.Add(1)
	go s.webhookWorker()
	return s, nil
}

// Close wakes pending long polls, stops webhook delivery and shuts the server down.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.closing)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = s.hs.Shutdown(ctx)
		s.workers.Wait()
	})
}

// URL is the server's base URL, e.g. "http://127.0.0.1:41234".
func (s *Server) URL() string { return s.base }

// Endpoint is the API endpoint format for tgbotapi.NewBotAPIWithClient: base+"/bot%s/%s".
func (s *Server) Endpoint() string { return s.base + "/bot%s/%s" }

// FileBase is the prefix of download URLs: FileBase()+"<token>/<file_path>".
func (s *Server) FileBase() string { return s.base + "/file/bot" }

// FileURL is the download URL of a file_path for the server's token.
func (s *Server) FileURL(filePath string) string {
	return s.FileBase() + s.cfg.token + "/" + filePath
}

// Token is the bot token the server accepts.
func (s *Server) Token() string { return s.cfg.token }

// BotID is the bot's user id (the number before ":" in the token).
func (s *Server) BotID() int64 { return s.bot.ID }

// Client is an HTTP client whose timeout outlasts the longest long poll.
func (s *Server) Client() *http.Client {
	return &http.Client{Timeout: s.cfg.maxPoll + 10*time.Second}
}

// ServeHTTP answers Bot API requests and file downloads.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/file/bot") {
		s.serveDownload(w, r)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, _ := strings.Cut(rest, "/")
	call := Call{Method: method, Time: time.Now()}
	if !ok {
		s.finish(w, &call, fail(http.StatusNotFound, "Not Found"))
		return
	}
	if token != s.cfg.token {
		s.finish(w, &call, fail(http.StatusUnauthorized, "Unauthorized"))
		return
	}
	req, rep := parseRequest(w, r)
	call.Params, call.Uploads = req.params, req.uploads
	if rep != nil {
		s.finish(w, &call, *rep)
		return
	}
	s.finish(w, &call, s.dispatch(strings.ToLower(method), req, &call))
}

func (s *Server) dispatch(method string, req *request, call *Call) reply {
	h, known := handlers[method]
	if !known {
		return fail(http.StatusNotFound, "Not Found")
	}
	if f := s.takeFault(method, *call); f != nil {
		return *f
	}
	return h(s, req)
}

var handlers map[string]func(*Server, *request) reply

func init() {
	handlers = map[string]func(*Server, *request) reply{
		"getme":                  (*Server).getMe,
		"getupdates":             (*Server).getUpdates,
		"setwebhook":             (*Server).setWebhook,
		"deletewebhook":          (*Server).deleteWebhook,
		"getwebhookinfo":         (*Server).getWebhookInfo,
		"sendmessage":            (*Server).sendMessage,
		"editmessagetext":        (*Server).editMessageText,
		"editmessagereplymarkup": (*Server).editMessageReplyMarkup,
		"answercallbackquery":    (*Server).answerCallbackQuery,
		"senddocument":           (*Server).sendDocument,
		"sendphoto":              (*Server).sendPhoto,
		"getfile":                (*Server).getFile,
		"setmycommands":          (*Server).setMyCommands,
		"getmycommands":          (*Server).getMyCommands,
		"deletemycommands":       (*Server).deleteMyCommands,
		"sendchataction":         (*Server).sendChatAction,
		"deletemessage":          (*Server).deleteMessage,
	}
}

func (s *Server) getMe(*request) reply { return okReply(s.bot) }

// reply is a handler's answer.
type reply struct {
	status     int
	result     any
	desc       string
	retryAfter int
	injected   bool
	limited    bool // a 429 given by the rate limiter
}

func okReply(v any) reply { return reply{status: http.StatusOK, result: v} }

func fail(code int, desc string) reply { return reply{status: code, desc: desc} }

func badRequest(format string, args ...any) reply {
	return fail(http.StatusBadRequest, "Bad Request: "+fmt.Sprintf(format, args...))
}

func (s *Server) finish(w http.ResponseWriter, call *Call, rep reply) {
	call.Status, call.Description, call.RetryAfter = rep.status, rep.desc, rep.retryAfter
	s.mu.Lock()
	s.calls = append(s.calls, *call)
	switch {
	case rep.injected:
		s.injected++
	case rep.limited:
		s.tooMany++
	case rep.status == 400 || rep.status == 401 || rep.status == 404 || rep.status == 413:
		s.malformed++
	}
	s.mu.Unlock()
	if rep.status >= 400 && !rep.injected && !rep.limited && rep.status != 403 && rep.status != 409 && s.cfg.logf != nil {
		s.logf("telegramtest: %s answered %d %q", call.Method, rep.status, rep.desc)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rep.status)
	body := apiResponse{OK: rep.status == http.StatusOK}
	if body.OK {
		body.Result = rep.result
	} else {
		body.ErrorCode, body.Description = rep.status, rep.desc
		if rep.retryAfter > 0 {
			body.Parameters = &responseParameters{RetryAfter: rep.retryAfter}
		}
	}
	_ = json.NewEncoder(w).Encode(body)
}

type apiResponse struct {
	OK          bool                `json:"ok"`
	Result      any                 `json:"result,omitempty"`
	ErrorCode   int                 `json:"error_code,omitempty"`
	Description string              `json:"description,omitempty"`
	Parameters  *responseParameters `json:"parameters,omitempty"`
}

type responseParameters struct {
	RetryAfter int `json:"retry_after,omitempty"`
}

func (s *Server) logf(format string, args ...any) {
	select {
	case <-s.closing:
		return
	default:
	}
	s.cfg.logf(format, args...)
}

func botIDFromToken(token string) int64 {
	var id int64
	for _, c := range token {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + int64(c-'0')
	}
	if id == 0 {
		id = 123456789
	}
	return id
}
