package conversations

import (
	"encoding/json"
	"fmt"
	"time"

	"ctdesk/conversations/ask"
	"ctdesk/conversations/workflow"
)

// dialogState is what the store keeps of a conversation: the answers given
// so far and where the person is, never a replay log (DESIGN §7: ≤ 1 KB).
type dialogState struct {
	Svc string `json:"s,omitempty"` // service whose form is being filled
	// State is where the form stands: its field being asked, its answers
	// and the files given to it.
	ask.State
	Confirm bool       `json:"c,omitempty"` // showing the summary
	Pend    *pending   `json:"p,omitempty"` // an action waiting for its input
	Reg     *ask.State `json:"r,omitempty"` // registration of an unknown user
	// Rate is the optional comment asked after a rating.
	Rate *rateComment `json:"q,omitempty"`
	Upd  time.Time    `json:"u"`
}

// pending is a ticket action whose button was pressed and which waits for
// the person's input (a reason, a date, files, a técnico).
type pending struct {
	Folio   string    `json:"f"`
	Action  string    `json:"a"`
	Step    int       `json:"s"`           // len(History) when the button was pressed
	Pressed string    `json:"m,omitempty"` // the message to edit once applied
	In      ask.State `json:"i"`           // where its input stands
}

// idle reports whether nothing is in progress.
func (s *dialogState) idle() bool {
	return s.Svc == "" && s.Pend == nil && s.Reg == nil && s.Rate == nil
}

func decodeState(data []byte) (dialogState, error) {
	var s dialogState
	if len(data) == 0 {
		return s, nil
	}
	if err := json.Unmarshal(data, &s); err != nil {
		return dialogState{}, fmt.Errorf("conversations: decode dialog: %w", err)
	}
	if s.Svc != "" && s.Ans == nil {
		s.Ans = workflow.Answers{}
	}
	return s, nil
}

func encodeState(s dialogState) []byte {
	b, err := json.Marshal(s)
	if err != nil {
		// Only strings, bools and times: marshalling cannot fail.
		panic(fmt.Sprintf("conversations: encode dialog: %v", err))
	}
	return b
}
