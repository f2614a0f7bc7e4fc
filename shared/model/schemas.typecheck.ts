// Compile-time proof that the zod schemas and the hand-written types describe the same records.
import type { z } from 'zod';
import type {
  NodeRecordSchema,
  LinkRecordSchema,
  CustomLinkTypeSchema,
  MemberSchema,
  AccessGrantSchema,
  WorkCalendarSchema,
} from './schemas';
import type {
  NodeRecord,
  LinkRecord,
  CustomLinkType,
  Member,
  AccessGrant,
  WorkCalendar,
} from './types';
type Eq<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const a: Eq<z.infer<typeof NodeRecordSchema>, NodeRecord> = true;
export const b: Eq<z.infer<typeof LinkRecordSchema>, LinkRecord> = true;
export const c: Eq<z.infer<typeof CustomLinkTypeSchema>, CustomLinkType> = true;
export const d: Eq<z.infer<typeof MemberSchema>, Member> = true;
export const e: Eq<z.infer<typeof AccessGrantSchema>, AccessGrant> = true;
export const f: Eq<z.infer<typeof WorkCalendarSchema>, WorkCalendar> = true;
