import { clip } from '../clip';
import type { Button } from '../model/message';
import { t } from '../prompts';
import type { Field, ListField } from '../tasks/schema';
import { fail, ok, parseChoice, parseDate, parseListItem, parseNumberText, parseYesNo, type ListItem, type ParseResult } from './parse-answer';

/**
 * One type of form field as a unit: how a typed answer is read and checked, how an answer is
 * shown (summary, ledger, reviewer), which buttons its question offers and how the ledger's column
 * treats it. Adding a field type is its schema in tasks/schema.ts and an entry in FIELD_TYPES;
 * TypeScript refuses a schema type without one.
 */
export interface FieldType<F extends Field> {
  /** One message of an answer: the whole answer, or for a list one item of it. */
  parse(raw: string, field: F, now: Date): ParseResult<unknown>;
  /** A given answer (never blank) as people read it; `approximate` marks an estimate. */
  format(value: unknown, field: F, approximate: boolean): string;
  buttons(field: F): Button[] | undefined;
  ledger: { kind: 'number' | 'status' | 'text'; header(field: F): string };
}

type Numeric = Extract<Field, { type: 'integer' | 'number' }>;

function parseNumeric(raw: string, field: Numeric): ParseResult<number> {
  const parsed = parseNumberText(raw, field.type === 'integer');
  if (!parsed.ok) return parsed;
  const value = field.type === 'number' ? Number(parsed.value.toFixed(field.decimals)) : parsed.value;
  // A count below zero is a slip (a dash typed before it), not a smaller count.
  if (value < 0 && field.min >= 0) return fail(t('answer.negative', { text: clip(raw.trim()) }));
  if (value < field.min) return fail(t('answer.below_min', { min: field.min, unit: field.unit }));
  if (value > field.max) return fail(t('answer.above_max', { max: field.max, unit: field.unit }));
  return { ...parsed, value };
}

const numeric: FieldType<Numeric> = {
  parse: parseNumeric,
  format: (value, field, approximate) => (approximate ? t('answer.approximate', { value: `${value}${field.unit}` }) : `${value}${field.unit}`),
  buttons: () => undefined,
  ledger: { kind: 'number', header: (field) => (field.unit ? `${field.label}（${field.unit}）` : field.label) },
};

const plainColumn = { kind: 'text', header: (field: Field) => field.label } as const;

const FIELD_TYPES: { [K in Field['type']]: FieldType<Extract<Field, { type: K }>> } = {
  integer: numeric,
  number: numeric,
  text: {
    parse: (raw, field) => {
      const text = raw.trim();
      return text.length > field.max_length ? fail(t('answer.too_many_characters', { max: field.max_length, length: text.length })) : ok(text);
    },
    format: String,
    buttons: () => undefined,
    ledger: plainColumn,
  },
  date: { parse: (raw, _field, now) => parseDate(raw, now), format: String, buttons: () => undefined, ledger: plainColumn },
  yesno: {
    parse: parseYesNo,
    format: (value) => (value ? t('answer.yes') : t('answer.no')),
    buttons: () => [
      { label: t('form.button_yes'), value: '是' },
      { label: t('form.button_no'), value: '否' },
    ],
    ledger: { kind: 'status', header: (field) => field.label },
  },
  choice: {
    parse: (raw, field) => parseChoice(raw, field.options),
    format: String,
    buttons: (field) => field.options.map((o) => ({ label: o, value: o })),
    ledger: plainColumn,
  },
  list: {
    parse: parseListItem,
    format: (value, field) => {
      const items = value as ListItem[];
      if (!items.length) return t('answer.none');
      return items.map((item, i) => `${i + 1}) ${field.item.map((f) => item[f.id]).filter(Boolean).join('｜')}`).join('；');
    },
    buttons: () => [{ label: t('form.button_done'), value: '完成' }],
    ledger: plainColumn,
  },
};

/** The unit of a field's type. */
export function fieldType<F extends Field>(field: F): FieldType<F> {
  // The mapped type above pairs each type with its unit; TypeScript cannot follow `field.type` to it.
  return FIELD_TYPES[field.type] as FieldType<F>;
}

/** A single-message answer to a field of any type but list (a list is read item by item). */
export function parseAnswer(raw: string, field: Exclude<Field, ListField>, now: Date): ParseResult<unknown> {
  return fieldType(field).parse(raw, field, now);
}
