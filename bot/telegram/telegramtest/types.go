package telegramtest

import (
	"encoding/json"
	"time"
)

// User is a simulated Telegram user. In a private chat the chat id equals ID.
type User struct {
	ID           int64
	FirstName    string
	LastName     string
	UserName     string
	LanguageCode string
}

// Button is one inline keyboard button as the chat shows it.
type Button struct {
	Text string
	Data string // callback_data
	URL  string
}

// File is a file known to the server: uploaded by the bot or sent by a user.
type File struct {
	ID       string
	UniqueID string
	Path     string // file_path given by getFile
	Name     string
	MIME     string
	Size     int
	Width    int // photos only
	Height   int // photos only
	Data     []byte
}

// Entity is a message entity (offset and length in UTF-16 code units).
type Entity struct {
	Type     string `json:"type"`
	Offset   int    `json:"offset"`
	Length   int    `json:"length"`
	URL      string `json:"url,omitempty"`
	Language string `json:"language,omitempty"`
}

// Message is a message as the chat shows it now, edits applied.
type Message struct {
	ID       int
	ChatID   int64
	FromBot  bool
	From     User // the sender when FromBot is false
	Date     time.Time
	Edited   bool
	Text     string // plain text after entity parsing
	Entities []Entity
	Source   string // text or caption exactly as the bot sent it (before parsing)
	Caption  string
	Buttons  [][]Button
	Document *File
	Photo    *File // the largest size
}

// HasButtons reports whether the message shows an inline keyboard.
func (m Message) HasButtons() bool {
	for _, row := range m.Buttons {
		if len(row) > 0 {
			return true
		}
	}
	return false
}

// Upload is a file part received in a multipart request.
type Upload struct {
	Field    string
	FileName string
	MIME     string
	Data     []byte
}

// Call is one request made by the bot, in arrival order.
type Call struct {
	Method      string            // as requested, e.g. "sendMessage"
	Params      map[string]string // form, multipart or JSON fields (non-string JSON values kept as JSON text)
	Uploads     []Upload
	Time        time.Time
	Status      int    // HTTP status answered
	Description string // error description when Status != 200
	RetryAfter  int    // parameters.retry_after when answered 429
}

// Answer is a recorded answerCallbackQuery.
type Answer struct {
	QueryID   string
	Data      string // callback_data of the press answered
	ChatID    int64
	MessageID int
	Text      string
	ShowAlert bool
	URL       string
	CacheTime int
	Time      time.Time
}

// Command is one entry of setMyCommands.
type Command struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// WebhookState is what setWebhook recorded.
type WebhookState struct {
	URL                string
	SecretToken        string
	DropPendingUpdates bool
	MaxConnections     int
	AllowedUpdates     []string
	SetAt              time.Time
	Deliveries         int // successful POSTs
	Failures           int // failed attempts (network error or non-2xx)
	Dropped            int // updates given up after the retries
}

// Fault is an error answer injected by FailNext or a fault hook.
type Fault struct {
	Code        int
	Description string // default chosen from Code when empty
	RetryAfter  int
}

// wire types, encoded like the Bot API does.

type wireUser struct {
	ID                      int64  `json:"id"`
	IsBot                   bool   `json:"is_bot"`
	FirstName               string `json:"first_name"`
	LastName                string `json:"last_name,omitempty"`
	UserName                string `json:"username,omitempty"`
	LanguageCode            string `json:"language_code,omitempty"`
	CanJoinGroups           *bool  `json:"can_join_groups,omitempty"`
	CanReadAllGroupMessages *bool  `json:"can_read_all_group_messages,omitempty"`
	SupportsInlineQueries   *bool  `json:"supports_inline_queries,omitempty"`
}

type wireChat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	UserName  string `json:"username,omitempty"`
}

type wireDocument struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileName     string `json:"file_name,omitempty"`
	MimeType     string `json:"mime_type,omitempty"`
	FileSize     int    `json:"file_size,omitempty"`
}

type wirePhotoSize struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	FileSize     int    `json:"file_size,omitempty"`
}

type wireMessage struct {
	MessageID       int             `json:"message_id"`
	From            *wireUser       `json:"from,omitempty"`
	Date            int64           `json:"date"`
	Chat            wireChat        `json:"chat"`
	EditDate        int64           `json:"edit_date,omitempty"`
	Text            string          `json:"text,omitempty"`
	Entities        []Entity        `json:"entities,omitempty"`
	Caption         string          `json:"caption,omitempty"`
	CaptionEntities []Entity        `json:"caption_entities,omitempty"`
	Document        *wireDocument   `json:"document,omitempty"`
	Photo           []wirePhotoSize `json:"photo,omitempty"`
	ReplyMarkup     json.RawMessage `json:"reply_markup,omitempty"`
}

type wireCallbackQuery struct {
	ID           string       `json:"id"`
	From         wireUser     `json:"from"`
	Message      *wireMessage `json:"message,omitempty"`
	ChatInstance string       `json:"chat_instance"`
	Data         string       `json:"data,omitempty"`
}

type wireUpdate struct {
	UpdateID      int                `json:"update_id"`
	Message       *wireMessage       `json:"message,omitempty"`
	CallbackQuery *wireCallbackQuery `json:"callback_query,omitempty"`
}

type wireFile struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileSize     int    `json:"file_size,omitempty"`
	FilePath     string `json:"file_path,omitempty"`
}

type wireWebhookInfo struct {
	URL                  string   `json:"url"`
	HasCustomCertificate bool     `json:"has_custom_certificate"`
	PendingUpdateCount   int      `json:"pending_update_count"`
	LastErrorDate        int64    `json:"last_error_date,omitempty"`
	LastErrorMessage     string   `json:"last_error_message,omitempty"`
	MaxConnections       int      `json:"max_connections,omitempty"`
	AllowedUpdates       []string `json:"allowed_updates,omitempty"`
}
