package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/centreapi"
)

func init() {
	register(command{name: "centre push", short: "sign and send a centre's export (JSON Lines or CSV) to the portal, with retries", run: runCentrePush})
}

// pushOptions are the flags of "cong centre push".
type pushOptions struct {
	url, keyFile, format string
	batch, retries       int
	backoff, timeout     time.Duration
}

func (o *pushOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&o.url, "url", "", "the portal's address, e.g. https://congdientu.hanoi.gov.vn (required)")
	fs.StringVar(&o.keyFile, "key-file", "", `file with {"key_id": ..., "secret": ...} as "cong centre create --key-file" writes it (required)`)
	fs.StringVar(&o.format, "format", "", "jsonl or csv (default: by the file's extension; JSON Lines otherwise)")
	fs.IntVar(&o.batch, "batch", 500, "items per request (1 to 1000)")
	fs.IntVar(&o.retries, "retries", 8, "attempts per batch on network errors, 429 and 5xx")
	fs.DurationVar(&o.backoff, "backoff", time.Second, "wait before the first retry; doubles each time, up to a minute")
	fs.DurationVar(&o.timeout, "timeout", 2*time.Minute, "timeout of one request")
}

// runCentrePush sends FILE ("-" for standard input) in batches. Each line
// of a JSON Lines file is one item as the API takes it; a CSV file has a
// header row of item field names (handling_units separated by ";"). A
// batch is retried with the same event ids, so retries never duplicate
// anything. It stops at the first batch that fails for good, and fails
// when any item was refused.
func runCentrePush(ctx context.Context, env *cmdEnv, args []string) error {
	var o pushOptions
	fs := flag.NewFlagSet("cong centre push", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	o.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 || o.url == "" || o.keyFile == "" || o.batch < 1 || o.batch > centreapi.MaxBatch {
		return errors.New("usage: cong centre push --url URL --key-file FILE [--batch N] FILE")
	}
	p, err := newPusher(o)
	if err != nil {
		return err
	}
	items, err := readItems(fs.Arg(0), o.format)
	if err != nil {
		return err
	}
	return p.push(ctx, env.stdout, items)
}

// pusher sends batches to one portal with one key.
type pusher struct {
	o        pushOptions
	endpoint string
	uri      string // the request URI that is signed
	cred     centreapi.Credentials
	client   *http.Client
	sleep    func(context.Context, time.Duration) error
}

func newPusher(o pushOptions) (*pusher, error) {
	u, err := url.Parse(o.url)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("--url %q: want http(s)://host", o.url)
	}
	if u.Path == "" || u.Path == "/" {
		u.Path = "/api/v1/centre/events"
	}
	b, err := os.ReadFile(o.keyFile)
	if err != nil {
		return nil, err
	}
	var cred centreapi.Credentials
	if err := json.Unmarshal(b, &cred); err != nil || cred.KeyID == "" || cred.Secret == "" {
		return nil, fmt.Errorf("%s: want {\"key_id\": ..., \"secret\": ...}", o.keyFile)
	}
	return &pusher{o: o, endpoint: u.String(), uri: u.RequestURI(), cred: cred,
		client: &http.Client{Timeout: o.timeout}, sleep: sleepCtx}, nil
}

// pushTotals counts the outcomes of a push.
type pushTotals struct{ ok, duplicate, failed int }

// push sends items in batches, reporting each on out.
func (p *pusher) push(ctx context.Context, out io.Writer, items []pushItem) error {
	var t pushTotals
	for start := 0; start < len(items); start += p.o.batch {
		chunk := items[start:min(start+p.o.batch, len(items))]
		res, err := p.sendWithRetries(ctx, chunk)
		if err != nil {
			fmt.Fprintf(out, "stopped at the batch of lines %d–%d: %v\n", chunk[0].line, chunk[len(chunk)-1].line, err)
			return fmt.Errorf("centre push: %w", err)
		}
		t.add(out, chunk, res)
	}
	fmt.Fprintf(out, "sent %d items: ok %d, duplicate %d, error %d\n", len(items), t.ok, t.duplicate, t.failed)
	if t.failed > 0 {
		return fmt.Errorf("centre push: %d items were refused", t.failed)
	}
	return nil
}

// add counts a batch's outcomes and prints its refused items.
func (t *pushTotals) add(out io.Writer, chunk []pushItem, res *batchAnswer) {
	t.ok, t.duplicate, t.failed = t.ok+res.OK, t.duplicate+res.Duplicate, t.failed+res.Error
	fmt.Fprintf(out, "lines %d–%d: ok %d, duplicate %d, error %d\n", chunk[0].line, chunk[len(chunk)-1].line, res.OK, res.Duplicate, res.Error)
	for _, r := range res.Results {
		if r.Error != nil && r.Index >= 0 && r.Index < len(chunk) {
			fmt.Fprintf(out, "  line %d (event %s): %s: %s\n", chunk[r.Index].line, r.EventID, r.Error.Code, r.Error.Message)
		}
	}
}

// batchAnswer is the part of the API's answer push reads.
type batchAnswer struct {
	OK, Duplicate, Error int
	Results              []struct {
		Index   int    `json:"index"`
		EventID string `json:"event_id"`
		Error   *struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	} `json:"results"`
}

// sendWithRetries sends one batch, retrying transient failures with
// exponential backoff and jitter. Each attempt is signed anew (fresh
// timestamp and nonce) over the same body.
func (p *pusher) sendWithRetries(ctx context.Context, chunk []pushItem) (*batchAnswer, error) {
	body := batchBody(chunk)
	wait := p.o.backoff
	for attempt := 1; ; attempt++ {
		res, retry, err := p.send(ctx, body)
		if err == nil || !retry || attempt >= p.o.retries {
			return res, err
		}
		jitter := time.Duration(rand.Int64N(int64(wait)/2 + 1))
		if err := p.sleep(ctx, wait+jitter); err != nil {
			return nil, err
		}
		wait = min(2*wait, time.Minute)
	}
}

// send makes one attempt; retry says whether another may succeed.
func (p *pusher) send(ctx context.Context, body []byte) (res *batchAnswer, retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, "POST", p.endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", centreapi.Authorization(p.cred, "POST", p.uri, time.Now(), body))
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, ctx.Err() == nil, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if resp.StatusCode != http.StatusOK {
		retry = resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500
		return nil, retry, fmt.Errorf("HTTP %d: %s", resp.StatusCode, apiMessage(b))
	}
	res = &batchAnswer{}
	if err := json.Unmarshal(b, res); err != nil {
		return nil, true, fmt.Errorf("unreadable answer: %w", err)
	}
	return res, false, nil
}

// apiMessage returns the message of an error envelope, or the body.
func apiMessage(b []byte) string {
	var env struct {
		Error struct{ Code, Message string }
	}
	if json.Unmarshal(b, &env) == nil && env.Error.Message != "" {
		return env.Error.Code + ": " + env.Error.Message
	}
	return strings.TrimSpace(string(b[:min(len(b), 300)]))
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// pushItem is one item of the export: its JSON and where it came from.
type pushItem struct {
	line int
	json json.RawMessage
}

func batchBody(chunk []pushItem) []byte {
	var b bytes.Buffer
	b.WriteString(`{"items":[`)
	for i, it := range chunk {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(it.json)
	}
	b.WriteString("]}")
	return b.Bytes()
}

// readItems reads the export file in its format.
func readItems(path, format string) ([]pushItem, error) {
	var r io.Reader = os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	if format == "" && strings.HasSuffix(strings.ToLower(path), ".csv") {
		format = "csv"
	}
	switch format {
	case "csv":
		return readCSV(r)
	case "", "jsonl":
		return readJSONLines(r)
	}
	return nil, fmt.Errorf("--format %q: want jsonl or csv", format)
}

// readJSONLines reads one JSON object per non-empty line.
func readJSONLines(r io.Reader) ([]pushItem, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	var out []pushItem
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var obj map[string]any
		if err := json.Unmarshal(line, &obj); err != nil {
			return nil, fmt.Errorf("line %d: not a JSON object: %w", n, err)
		}
		out = append(out, pushItem{line: n, json: append(json.RawMessage(nil), line...)})
	}
	return out, sc.Err()
}

// csvColumns are the columns a CSV export may have.
var csvColumns = map[string]bool{"type": true, "event_id": true, "at": true, "receipt_code": true, "status": true,
	"status_text": true, "unit": true, "public_note": true, "internal_note": true, "appointment_at": true,
	"procedure_code": true, "procedure_name": true, "channel": true, "applicant_name": true, "email": true,
	"phone": true, "lookup_factor": true, "received_at": true, "handling_units": true}

// readCSV reads a header row of field names and one item per row; empty
// cells are left out.
func readCSV(r io.Reader) ([]pushItem, error) {
	cr := csv.NewReader(bufio.NewReader(r))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("csv header: %w", err)
	}
	for i, h := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if !csvColumns[header[i]] {
			return nil, fmt.Errorf("csv: unknown column %q", h)
		}
	}
	var out []pushItem
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("csv: %w", err)
		}
		line, _ := cr.FieldPos(0)
		out = append(out, pushItem{line: line, json: csvItem(header, rec)})
	}
}

func csvItem(header, rec []string) json.RawMessage {
	obj := map[string]any{}
	for i, v := range rec {
		if i >= len(header) || strings.TrimSpace(v) == "" {
			continue
		}
		if header[i] == "handling_units" {
			obj[header[i]] = strings.Split(v, ";")
			continue
		}
		obj[header[i]] = v
	}
	b, _ := json.Marshal(obj)
	return b
}
