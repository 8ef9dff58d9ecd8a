/**
 * Small projects for the context benchmark, one per language: library files that define
 * symbols, a file being typed that calls them (the completions need the definitions:
 * argument order and names live only in the other file), and unrelated files open in
 * editors as noise. Written for this benchmark.
 */
export interface BenchFile {
  path: string;
  text: string;
}

export interface BenchProject {
  language: string;
  languageId: string;
  /** The served model, which picks the prompt format. */
  model: string;
  template: 'starcoder' | 'qwen' | 'codellama';
  /** True when the project has a language server (else definitions never answer and imports are used). */
  languageServer: boolean;
  files: BenchFile[];
  /** The file typed, line by line. */
  typed: BenchFile;
  /** Files open in tabs besides the typed one. */
  open: string[];
  /** A call starts with one of these: the cursor goes right after the opening parenthesis. */
  symbols: string[];
}

const TS_LIB = `import type { Money } from './money';

export type ShippingZone = 'domestic' | 'eu' | 'world';

/** Shipping cost for a parcel, by weight and zone. */
export function shippingCost(weightKg: number, zone: ShippingZone, express = false): Money {
  const base = zone === 'domestic' ? 4.9 : zone === 'eu' ? 9.9 : 19.9;
  return { cents: Math.round((base + weightKg * 1.2) * (express ? 150 : 100)), currency: 'EUR' };
}

export function applyDiscount(total: Money, percent: number, reason: string): Money {
  return { ...total, cents: Math.round(total.cents * (1 - percent / 100)) };
}

export class InvoiceBuilder {
  constructor(private readonly customerId: string, private readonly locale: string) {}

  addLine(sku: string, quantity: number, unitPrice: Money): this {
    return this;
  }
}
`;

const TS_MONEY = `export interface Money {
  cents: number;
  currency: 'EUR' | 'USD';
}

export function formatMoney(amount: Money, locale: string, withSymbol: boolean): string {
  return new Intl.NumberFormat(locale, { style: withSymbol ? 'currency' : 'decimal', currency: amount.currency }).format(amount.cents / 100);
}

export function sumMoney(items: readonly Money[], currency: Money['currency']): Money {
  return { cents: items.reduce((a, m) => a + m.cents, 0), currency };
}
`;

const TS_MAIN = `import { applyDiscount, InvoiceBuilder, shippingCost } from './pricing';
import { formatMoney, sumMoney } from './money';
import type { Order } from './order';

export function checkout(order: Order): string {
  const parcel = shippingCost(order.weightKg, order.zone, order.express);
  const goods = sumMoney(order.lines.map((l) => l.price), order.currency);
  const total = sumMoney([goods, parcel], order.currency);
  const discounted = applyDiscount(total, order.couponPercent, order.couponCode);
  const invoice = new InvoiceBuilder(order.customerId, order.locale);
  for (const line of order.lines) invoice.addLine(line.sku, line.quantity, line.price);
  const label = formatMoney(discounted, order.locale, true);
  return label;
}

export function quote(order: Order): string {
  const parcel = shippingCost(order.weightKg, 'world', false);
  const net = formatMoney(parcel, 'en-GB', false);
  const promo = applyDiscount(parcel, 10, 'first order');
  return formatMoney(promo, order.locale, true) + ' / ' + net;
}
`;

const TS_NOISE = `export function logEvent(name: string, data: Record<string, unknown>): void {
  console.log(JSON.stringify({ name, data, at: Date.now() }));
}

export function retry<T>(fn: () => Promise<T>, times: number): Promise<T> {
  return fn().catch((e) => (times > 0 ? retry(fn, times - 1) : Promise.reject(e)));
}
`;

const PY_MODELS = `from dataclasses import dataclass


@dataclass
class Reading:
    sensor_id: str
    celsius: float
    taken_at: int


def to_fahrenheit(celsius: float, precision: int = 1) -> float:
    return round(celsius * 9 / 5 + 32, precision)


def moving_average(values: list[float], window: int, min_periods: int) -> list[float]:
    out = []
    for i in range(len(values)):
        part = values[max(0, i - window + 1): i + 1]
        out.append(sum(part) / len(part) if len(part) >= min_periods else float("nan"))
    return out
`;

const PY_STORE = `import sqlite3


def open_store(path: str, read_only: bool, timeout_s: float) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=timeout_s)


def fetch_readings(conn: sqlite3.Connection, sensor_id: str, since: int, limit: int):
    return conn.execute("select * from readings where sensor_id = ? and taken_at >= ? limit ?", (sensor_id, since, limit))


def alert_threshold(sensor_id: str, season: str, margin: float) -> float:
    return 30.0 + margin
`;

const PY_MAIN = `from .models import Reading, moving_average, to_fahrenheit
from .store import alert_threshold, fetch_readings, open_store


def report(db_path: str, sensor: str, since: int) -> list[str]:
    conn = open_store(db_path, True, 2.5)
    rows = fetch_readings(conn, sensor, since, 500)
    readings = [Reading(r[0], r[1], r[2]) for r in rows]
    smooth = moving_average([r.celsius for r in readings], 12, 3)
    limit = alert_threshold(sensor, "summer", 1.5)
    lines = []
    for r, s in zip(readings, smooth):
        f = to_fahrenheit(s, 2)
        lines.append(f"{r.sensor_id} {f} {'!' if s > limit else ''}")
    return lines


def summary(db_path: str, sensor: str) -> float:
    conn = open_store(db_path, False, 10.0)
    rows = fetch_readings(conn, sensor, 0, 10)
    values = moving_average([r[1] for r in rows], 3, 1)
    return to_fahrenheit(values[-1], 0)
`;

const PY_NOISE = `import logging


def setup_logging(level: str, json_output: bool) -> logging.Logger:
    logging.basicConfig(level=level)
    return logging.getLogger("app")
`;

const GO_LIB = `package queue

import "time"

// Job is one unit of work.
type Job struct {
	ID       string
	Priority int
	Payload  []byte
}

// NewWorkerPool starts size workers that poll every interval, giving up after maxRetries.
func NewWorkerPool(size int, interval time.Duration, maxRetries int) *WorkerPool {
	return &WorkerPool{size: size, interval: interval, maxRetries: maxRetries}
}

// Enqueue adds a job with a deadline; it fails when the queue is full.
func (p *WorkerPool) Enqueue(job Job, deadline time.Time, dedupe bool) error {
	return nil
}

// Backoff is the wait before retry attempt n.
func Backoff(attempt int, base time.Duration, jitter float64) time.Duration {
	return base * time.Duration(1<<attempt)
}
`;

const GO_MAIN = `package queue

import (
	"fmt"
	"time"
)

func Run(jobs []Job) error {
	pool := NewWorkerPool(8, 250*time.Millisecond, 5)
	for i, j := range jobs {
		if err := pool.Enqueue(j, time.Now().Add(time.Minute), true); err != nil {
			wait := Backoff(i, 100*time.Millisecond, 0.2)
			time.Sleep(wait)
		}
	}
	fmt.Println("queued", len(jobs))
	small := NewWorkerPool(1, time.Second, 0)
	return small.Enqueue(Job{ID: "last", Priority: 9}, time.Now(), false)
}
`;

const GO_NOISE = `package queue

import "strings"

func normalizeID(id string, upper bool) string {
	if upper {
		return strings.ToUpper(id)
	}
	return strings.ToLower(id)
}
`;

/** A big generated file open in a tab: what the open-editor scan costs on real-sized files. */
const TS_BIG = Array.from({ length: 3000 }, (_, i) => `export const setting${i} = { key: 'k${i}', order: ${i}, enabled: ${i % 2 === 0} };`).join('\n');

export const PROJECTS: BenchProject[] = [
  {
    language: 'TypeScript', languageId: 'typescript', model: 'bigcode/starcoder2-15b', template: 'starcoder', languageServer: true,
    files: [{ path: 'src/pricing.ts', text: TS_LIB }, { path: 'src/money.ts', text: TS_MONEY }, { path: 'src/settings.ts', text: TS_BIG }, { path: 'src/log.ts', text: TS_NOISE }],
    typed: { path: 'src/checkout.ts', text: TS_MAIN },
    open: ['src/settings.ts', 'src/log.ts', 'src/money.ts'],
    symbols: ['shippingCost', 'applyDiscount', 'InvoiceBuilder', 'addLine', 'formatMoney', 'sumMoney'],
  },
  {
    language: 'Python', languageId: 'python', model: 'Qwen/Qwen2.5-Coder-7B', template: 'qwen', languageServer: false,
    files: [{ path: 'app/models.py', text: PY_MODELS }, { path: 'app/store.py', text: PY_STORE }, { path: 'app/log.py', text: PY_NOISE }],
    typed: { path: 'app/report.py', text: PY_MAIN },
    open: ['app/log.py'],
    symbols: ['open_store', 'fetch_readings', 'moving_average', 'alert_threshold', 'to_fahrenheit'],
  },
  {
    language: 'Go', languageId: 'go', model: 'codellama/CodeLlama-13b-hf', template: 'codellama', languageServer: true,
    files: [{ path: 'queue/pool.go', text: GO_LIB }, { path: 'queue/ids.go', text: GO_NOISE }],
    typed: { path: 'queue/run.go', text: GO_MAIN },
    open: ['queue/ids.go'],
    symbols: ['NewWorkerPool', 'Enqueue', 'Backoff'],
  },
];
