import assert from 'node:assert/strict';
import { CSV_COLUMNS, csvField, toCsv, toJson } from '../../../src/core/usage/export';
import { rec } from './fixtures/records';

describe('usage export', () => {
  it('writes RFC 4180 CSV: header, CRLF, quoted fields with comma, quote or line break', () => {
    const csv = toCsv([
      rec({ model: 'plain', id: 'a' }),
      rec({ model: 'with,comma "and quote"', feature: 'multi\nline', priceKnown: false, costUsd: 0, accepted: true }),
    ]);
    const lines = csv.split('\r\n');
    assert.equal(lines[0], CSV_COLUMNS.join(','));
    assert.equal(lines[1], '2026-03-10T10:00:00.000Z,openai,plain,explain,1000,0,100,false,0.00056,true,500,,,ok,,,,a');
    assert.equal(lines[2], '2026-03-10T10:00:00.000Z,openai,"with,comma ""and quote""","multi\nline",1000,0,100,false,0,false,500,,,ok,,,true,');
    assert.equal(lines[3], '');
    assert.equal(lines.length, 4);
  });

  it('neutralizes spreadsheet formulas but keeps negative numbers', () => {
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('@cmd'), `'@cmd`);
    assert.equal(csvField('-1.5'), '-1.5');
  });

  it('writes an empty ledger as a header only', () => {
    assert.equal(toCsv([]), CSV_COLUMNS.join(',') + '\r\n');
  });

  it('writes JSON that reads back to the same records', () => {
    const records = [rec({ id: 'a' }), rec({ id: 'b', accepted: false })];
    assert.deepEqual(JSON.parse(toJson(records)), records);
  });
});
