package centreapi

import (
	"context"
	"time"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/dossier"
)

// Client is a centre's API client: the system of one centre unit.
type Client struct {
	ID       int64
	KeyID    string // public, "ck_" and 20 characters
	UnitID   int64  // the centre unit it writes for
	UnitCode string // filled when reading
	Name     string // a label, e.g. "Phần mềm một cửa điện tử"
	// SecretSealed is the current secret sealed with the keyring;
	// PreviousSealed the one before a rotation, valid until
	// PreviousUntil.
	SecretSealed   string
	PreviousSealed string
	PreviousUntil  time.Time
	Disabled       bool
	Created        time.Time
	Rotated        time.Time // zero when never rotated
	LastSuccess    time.Time // the last request that was answered 2xx
	LastFailure    time.Time // the last request refused or failed
}

// Credentials are what a centre signs with. The secret is shown once.
type Credentials struct {
	KeyID  string `json:"key_id"`
	Secret string `json:"secret"`
}

// Mapping maps one of a centre's status codes to a canonical status.
type Mapping struct {
	UnitID  int64
	Code    string
	Status  dossier.Status
	Updated time.Time
}

// Traffic is one centre's request counts on one day (Vietnam time).
type Traffic struct {
	UnitID         int64
	Day            string // "2025-02-10"
	Requests       int    // requests authenticated and answered 2xx
	FailedRequests int    // requests from a known client that were refused or failed
	Items          int    // items accepted (ok)
	Duplicates     int    // items already stored
	ItemErrors     int    // items refused
}

// Store keeps clients, mappings, nonces, traffic, and runs ingest
// transactions. Methods return NotFound, Conflict and Internal as the
// sqlstore conventions say.
type Store interface {
	// CreateClient inserts c with the audit entry e, setting c.ID; a key
	// id in use is Conflict.
	CreateClient(ctx context.Context, c *Client, e *audit.Entry) error
	// FindClientByKeyID returns the client, or NotFound.
	FindClientByKeyID(ctx context.Context, keyID string) (*Client, error)
	// FindClients returns the clients of unitID (every unit for 0),
	// ordered by unit and creation.
	FindClients(ctx context.Context, unitID int64) ([]*Client, error)
	// UpdateClientKeys stores c's secrets, rotation time and Disabled
	// with e; NotFound for an unknown client.
	UpdateClientKeys(ctx context.Context, c *Client, e *audit.Entry) error
	// UseNonce records nonce for keyID at at, deleting nonces seen before
	// sweepBefore when that is not zero. It returns Conflict when the
	// nonce was already recorded.
	UseNonce(ctx context.Context, keyID, nonce string, at, sweepBefore time.Time) error
	// RecordFailure counts a refused or failed request of client c on day
	// and sets its LastFailure to at.
	RecordFailure(ctx context.Context, c *Client, day string, at time.Time) error
	// FindTraffic returns the traffic of every centre on days from
	// sinceDay on.
	FindTraffic(ctx context.Context, sinceDay string) ([]Traffic, error)
	// StatusMappings returns the mappings of unitID by code.
	StatusMappings(ctx context.Context, unitID int64) ([]Mapping, error)
	// SetStatusMapping inserts or replaces m with e.
	SetStatusMapping(ctx context.Context, m *Mapping, e *audit.Entry) error
	// DeleteStatusMapping deletes a mapping with e; NotFound when none.
	DeleteStatusMapping(ctx context.Context, unitID int64, code string, e *audit.Entry) error
	// Ingest runs fn in one write transaction for centre unitID,
	// serialised with the other ingest transactions of that centre, and
	// commits when fn returns nil. A Conflict from a concurrent writer
	// (another node creating the same receipt code or event id) is
	// returned as Conflict so the caller may retry.
	Ingest(ctx context.Context, unitID int64, fn func(IngestTx) error) error
}

// IngestTx is the work an ingest transaction does, for one centre.
type IngestTx interface {
	// KnownEvents returns, for those of ids the centre already sent, the
	// stored event's payload hash and its dossier's receipt code.
	KnownEvents(ctx context.Context, ids []string) (map[string]KnownEvent, error)
	// Dossiers returns the dossiers with these receipt codes (of any
	// centre), with their history and handling units, by code.
	Dossiers(ctx context.Context, codes []string) (map[string]*dossier.Dossier, error)
	// NextSequence returns the next number of the receipt sequence key,
	// starting at 1.
	NextSequence(ctx context.Context, key string) (int64, error)
	// Save writes the changes: inserts dossiers with ID 0 (setting ID),
	// updates the others (their derived fields and header), inserts the
	// history events with ID 0, replaces the handling units when
	// UnitsChanged, and inserts the slips (setting their DossierID).
	Save(ctx context.Context, changes []*Change, now time.Time) error
	// RecordTraffic adds t to the day's counts of t.UnitID and sets the
	// client's LastSuccess to at.
	RecordTraffic(ctx context.Context, c *Client, t Traffic, at time.Time) error
}

// KnownEvent is what an ingest needs of an event already stored.
type KnownEvent struct {
	PayloadHash string
	ReceiptCode string
}

// Change is one dossier an ingest created or changed.
type Change struct {
	Dossier      *dossier.Dossier
	UnitsChanged bool
	Slips        []*dossier.ApologySlip
}
