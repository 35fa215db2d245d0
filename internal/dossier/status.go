package dossier

// Status is a dossier's canonical status. Centres map their own status
// codes onto these.
type Status string

// The canonical statuses.
const (
	Received            Status = "received"             // tiếp nhận
	SupplementRequested Status = "supplement_requested" // yêu cầu bổ sung; the clock pauses
	InProcessing        Status = "in_processing"        // đang giải quyết (assigned, appraisal)
	Transferred         Status = "transferred"          // chuyển cơ quan khác
	ResultReady         Status = "result_ready"         // có kết quả, chờ trả
	Returned            Status = "returned"             // đã trả kết quả
	Refused             Status = "refused"              // từ chối giải quyết, with a reason
	Withdrawn           Status = "withdrawn"            // công dân rút hồ sơ
	Cancelled           Status = "cancelled"            // hủy
)

// Statuses lists every status in lifecycle order.
var Statuses = []Status{Received, SupplementRequested, InProcessing, Transferred, ResultReady, Returned, Refused, Withdrawn, Cancelled}

// Valid reports whether s is a canonical status.
func (s Status) Valid() bool {
	_, ok := next[s]
	return ok
}

// Terminal reports whether nothing may follow s: returned, refused,
// withdrawn and cancelled.
func (s Status) Terminal() bool { return s.Valid() && len(next[s]) == 0 }

// Finished reports whether a dossier in s has its result (or the refusal
// that ends it): result ready, returned or refused. Such a dossier is
// never overdue.
func (s Status) Finished() bool { return s == ResultReady || s == Returned || s == Refused }

// Closed reports whether a dossier in s no longer runs against its
// appointment: it is finished or was withdrawn or cancelled.
func (s Status) Closed() bool { return s.Finished() || s == Withdrawn || s == Cancelled }

// open are the statuses of a dossier still being handled; each may repeat
// (a centre's own sub-statuses often map to the same canonical one).
var open = []Status{Received, SupplementRequested, InProcessing, Transferred}

// next maps each status to those that may follow it.
var next = map[Status][]Status{
	Received:            append(open[:len(open):len(open)], ResultReady, Returned, Refused, Withdrawn, Cancelled),
	SupplementRequested: append(open[:len(open):len(open)], ResultReady, Returned, Refused, Withdrawn, Cancelled),
	InProcessing:        {SupplementRequested, InProcessing, Transferred, ResultReady, Returned, Refused, Withdrawn, Cancelled},
	Transferred:         {SupplementRequested, InProcessing, Transferred, ResultReady, Returned, Refused, Withdrawn, Cancelled},
	ResultReady:         {ResultReady, Returned},
	Returned:            {},
	Refused:             {},
	Withdrawn:           {},
	Cancelled:           {},
}

// CanTransition reports whether a dossier in from may move to to. Steps
// may be skipped (centres do not report every step, and events arrive out
// of order), but the lifecycle never runs backwards: a dossier may go back
// to received only before it is in processing (a supplemented dossier is
// received again), a result may only be returned, and nothing follows a
// terminal status.
func CanTransition(from, to Status) bool {
	for _, s := range next[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Channel is how a dossier was submitted.
type Channel string

// The channels.
const (
	InPerson Channel = "in_person" // trực tiếp
	Post     Channel = "post"      // bưu chính
	Online   Channel = "online"    // trực tuyến
)

// Channels lists every channel.
var Channels = []Channel{InPerson, Post, Online}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { return c == InPerson || c == Post || c == Online }
