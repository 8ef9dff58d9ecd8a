/**
 * Source files for the typing traces: the text between HOLE_START and HOLE_END is what
 * the simulated person types; the rest of the file is there from the start (prefix and
 * suffix context, as when writing a new function in an existing file).
 */
export interface CorpusFile {
  language: string;
  path: string;
  text: string;
}

export const HOLE_START = '<<<';
export const HOLE_END = '>>>';

const TS = `import { readFile } from 'node:fs/promises';
import type { Order, LineItem } from './types';

export interface Totals {
  subtotal: number;
  tax: number;
  total: number;
}

const TAX_RATE = 0.2;

export function lineTotal(item: LineItem): number {
  return item.quantity * item.unitPrice;
}

<<<export function orderTotals(order: Order): Totals {
  const subtotal = order.items.reduce((sum, item) => sum + lineTotal(item), 0);
  const discount = order.coupon ? Math.min(order.coupon.amount, subtotal) : 0;
  const taxable = subtotal - discount;
  const tax = Math.round(taxable * TAX_RATE * 100) / 100;
  if (order.items.length === 0) {
    return { subtotal: 0, tax: 0, total: 0 };
  }
  return { subtotal, tax, total: taxable + tax };
}

export async function loadOrders(path: string): Promise<Order[]> {
  const text = await readFile(path, 'utf8');
  const orders: Order[] = JSON.parse(text);
  return orders.filter((o) => o.items.length > 0);
}
>>>
export function formatMoney(amount: number): string {
  return amount.toFixed(2);
}
`;

const PY = `import json
from dataclasses import dataclass
from typing import Iterable


@dataclass
class Reading:
    sensor: str
    value: float
    timestamp: int


<<<def parse_readings(lines: Iterable[str]) -> list[Reading]:
    readings = []
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        data = json.loads(line)
        readings.append(Reading(data["sensor"], float(data["value"]), int(data["ts"])))
    return readings


def average_by_sensor(readings: list[Reading]) -> dict[str, float]:
    totals: dict[str, list[float]] = {}
    for r in readings:
        totals.setdefault(r.sensor, []).append(r.value)
    return {sensor: sum(values) / len(values) for sensor, values in totals.items()}
>>>

def main() -> None:
    with open("readings.jsonl") as f:
        print(average_by_sensor(parse_readings(f)))
`;

const GO = `package store

import (
	"errors"
	"sync"
)

var ErrNotFound = errors.New("not found")

type Store struct {
	mu    sync.RWMutex
	items map[string][]byte
}

func New() *Store {
	return &Store{items: make(map[string][]byte)}
}

<<<func (s *Store) Get(key string) ([]byte, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	value, ok := s.items[key]
	if !ok {
		return nil, ErrNotFound
	}
	return value, nil
}

func (s *Store) Put(key string, value []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items[key] = append([]byte(nil), value...)
}

func (s *Store) Delete(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.items[key]
	delete(s.items, key)
	return ok
}
>>>
func (s *Store) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.items)
}
`;

const RS = `use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Number(f64),
    Ident(String),
    Op(char),
}

<<<pub fn tokenize(input: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = input.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            tokens.push(Token::Number(text.parse().unwrap_or(0.0)));
        } else {
            tokens.push(Token::Op(c));
            i += 1;
        }
    }
    tokens
}
>>>
pub fn count_ops(tokens: &[Token]) -> HashMap<char, usize> {
    let mut counts = HashMap::new();
    for t in tokens {
        if let Token::Op(c) = t {
            *counts.entry(*c).or_insert(0) += 1;
        }
    }
    counts
}
`;

export const CORPUS: CorpusFile[] = [
  { language: 'typescript', path: 'src/orders.ts', text: TS },
  { language: 'python', path: 'app/readings.py', text: PY },
  { language: 'go', path: 'store/store.go', text: GO },
  { language: 'rust', path: 'src/lexer.rs', text: RS },
];

export function splitHole(file: CorpusFile): { before: string; hole: string; after: string; full: string } {
  const a = file.text.indexOf(HOLE_START);
  const b = file.text.indexOf(HOLE_END);
  const before = file.text.slice(0, a);
  const hole = file.text.slice(a + HOLE_START.length, b);
  const after = file.text.slice(b + HOLE_END.length);
  return { before, hole, after, full: before + hole + after };
}
