/**
 * The formula guard of every CSV and TSV the product writes: a cell a spreadsheet would evaluate
 * gets a leading single quote (leading spaces and full-width signs included); a plain number, an
 * ordinary word and an empty cell stay as they are.
 */
import { describe, expect, it } from 'vitest';
import { csvCell, guardFormula, toCsv } from '../../main/domain/csv';

describe('guardFormula', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+cmd|/c calc', "'+cmd|/c calc"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\rx', "'\rx"],
    // A spreadsheet skips leading blanks before it looks for a formula.
    [' =1+1', "' =1+1"],
    ['   @x', "'   @x"],
    ['\u3000=1', "'\u3000=1"],
    ['\n=1', "'\n=1"],
    // Full-width forms, which spreadsheets read as their ASCII signs.
    ['\uff1dHYPERLINK("https://evil.example")', '\'\uff1dHYPERLINK("https://evil.example")'],
    ['\uff0b1', "'\uff0b1"],
    ['\uff0d1', "'\uff0d1"],
    ['\uff20x', "'\uff20x"],
  ])('guards %j', (cell, guarded) => {
    expect(guardFormula(cell)).toBe(guarded);
  });

  it.each([
    '',
    '-',
    '-5',
    '-1.25',
    '+42',
    '-3e5',
    ' -7',
    '111111111111',
    'Enabled',
    'a=b',
    'me@example.com',
    ' spaced',
  ])('leaves %j alone', (cell) => {
    expect(guardFormula(cell)).toBe(cell);
  });
});

describe('csvCell and toCsv', () => {
  it('keeps an empty or missing cell empty', () => {
    expect(csvCell('')).toBe('');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['a', 'b', 'c'], [['', null, '-5']])).toBe('a,b,c\r\n,,-5\r\n');
  });

  it('guards, then quotes what RFC 4180 needs quoted', () => {
    expect(csvCell(' =1,2')).toBe('"\' =1,2"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });
});
