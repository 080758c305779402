import { z } from 'zod';
import { emptySchema, idSchema, isoDateSchema, languageSchema } from './common.js';
import { personRefSchema } from './conversations.js';
import { defineClientEvent } from './define.js';
import { REGIONAL_UNITS, municipalityCodeSchema } from './regions.js';

/*
 * The good-practices library: entries the parents write, review and improve together. An entry
 * is a draft until its author publishes it; after that any member edits it, and every save is a
 * numbered revision. A revision is claimed by inserting (entry, number) under a unique index, so
 * a save based on an old revision is refused with LIBRARY_CONFLICT and the difference, and the
 * editor merges (never a lost edit). Experts stamp a revision "expert reviewed"; members say
 * "we tried this too" and flag an entry as needing updating. Browse with facets and counts, the
 * same Finnish-aware search as messages (drafts only to their author and staff).
 */

/** Themes an entry may serve (keys; the web translates them). */
export const LIBRARY_THEMES = [
  'early-childhood-education',
  'school',
  'municipal-cooperation',
  'communication',
  'peer-support',
  'wellbeing',
  'family-centres',
] as const;
export const libraryThemeSchema = z.enum(LIBRARY_THEMES);
export type LibraryTheme = z.infer<typeof libraryThemeSchema>;

/** The four steps of the operating model for cooperating with the municipality. */
export const LIBRARY_STEPS = [1, 2, 3, 4] as const;
export const libraryStepSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type LibraryStep = z.infer<typeof libraryStepSchema>;

/** The three cooperation models: light, network / forum, partnership. */
export const COOPERATION_MODELS = ['light', 'network', 'partnership'] as const;
export const cooperationModelSchema = z.enum(COOPERATION_MODELS);
export type CooperationModel = z.infer<typeof cooperationModelSchema>;

/** The five quality goals of a municipal parent association. */
export const QUALITY_AREAS = [
  'representativeness',
  'impact',
  'goals-and-planning',
  'active-operations',
  'good-governance',
] as const;
export const qualityAreaSchema = z.enum(QUALITY_AREAS);
export type QualityArea = z.infer<typeof qualityAreaSchema>;

export const LIBRARY_LEVELS = ['municipal', 'regional', 'national'] as const;
export const libraryLevelSchema = z.enum(LIBRARY_LEVELS);
export type LibraryLevel = z.infer<typeof libraryLevelSchema>;

export const LIBRARY_STATUSES = ['draft', 'published'] as const;
export const libraryStatusSchema = z.enum(LIBRARY_STATUSES);
export type LibraryStatus = z.infer<typeof libraryStatusSchema>;

const COUNTY_IDS = new Set(REGIONAL_UNITS.map((u) => u.id));
/** A wellbeing services county id, or HKI (City of Helsinki). */
export const countyCodeSchema = z.string().refine((c) => COUNTY_IDS.has(c), 'unknown_county');

export const MAX_LIBRARY_TITLE_LENGTH = 200;
export const MAX_LIBRARY_SUMMARY_LENGTH = 1000;
export const MAX_LIBRARY_BODY_LENGTH = 100_000;
export const MAX_LIBRARY_SOURCES = 30;
export const MAX_LIBRARY_SOURCE_TITLE_LENGTH = 300;
export const MAX_LIBRARY_URL_LENGTH = 2000;
export const MAX_LIBRARY_FLAG_REASON_LENGTH = 1000;
export const LIBRARY_PAGE_SIZE = 20;
export const MAX_LIBRARY_PAGE_SIZE = 100;
/** A review stamp is due again after this many months unless the expert says otherwise. */
export const LIBRARY_REVIEW_MONTHS = 12;

const uniqueArray = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((a) => new Set(a).size === a.length, 'duplicate');

export const librarySourceSchema = z
  .object({
    title: z.string().trim().min(1).max(MAX_LIBRARY_SOURCE_TITLE_LENGTH),
    /** http(s) only: a source is followed from the print view's readers too. */
    url: z
      .string()
      .trim()
      .max(MAX_LIBRARY_URL_LENGTH)
      .regex(/^https?:\/\/\S+$/i, 'url')
      .nullable()
      .optional(),
  })
  .strict();
export type LibrarySource = z.infer<typeof librarySourceSchema>;

/**
 * What a writer sets: the content of one revision. Every save carries all of it (a revision is
 * a whole snapshot, so any two can be compared and any one restored).
 */
export const libraryContentSchema = z
  .object({
    title: z.string().trim().min(1).max(MAX_LIBRARY_TITLE_LENGTH),
    summary: z.string().trim().max(MAX_LIBRARY_SUMMARY_LENGTH),
    /** Markdown, rendered as safely as messages. */
    body: z.string().max(MAX_LIBRARY_BODY_LENGTH),
    language: languageSchema,
    themes: uniqueArray(libraryThemeSchema, LIBRARY_THEMES.length),
    steps: uniqueArray(libraryStepSchema, LIBRARY_STEPS.length),
    cooperationModel: cooperationModelSchema.nullable(),
    qualityAreas: uniqueArray(qualityAreaSchema, QUALITY_AREAS.length),
    level: libraryLevelSchema,
    municipalityCode: municipalityCodeSchema.nullable(),
    countyCode: countyCodeSchema.nullable(),
    sources: z.array(librarySourceSchema).max(MAX_LIBRARY_SOURCES),
  })
  .strict();
export type LibraryContentInput = z.input<typeof libraryContentSchema>;
export type LibraryContent = z.infer<typeof libraryContentSchema>;

/**
 * A draft's content from a title and a text (saved from a chat, made of an answered question):
 * everything else is left for its writer to choose (no summary, themes, steps, model, quality
 * areas, place or sources).
 */
export const draftContent = (
  c: Pick<LibraryContent, 'title' | 'body' | 'language' | 'level'>,
): LibraryContent => ({
  title: c.title,
  summary: '',
  body: c.body,
  language: c.language,
  themes: [],
  steps: [],
  cooperationModel: null,
  qualityAreas: [],
  level: c.level,
  municipalityCode: null,
  countyCode: null,
  sources: [],
});

/** The expert review stamp, tied to one revision. */
export const libraryReviewSchema = z.object({
  revision: z.number().int().positive(),
  /** null once the reviewer's account was erased. */
  reviewer: personRefSchema.nullable(),
  reviewedAt: isoDateSchema,
  dueAt: isoDateSchema,
  /** A non-minor revision was saved after the reviewed one: readers see "changed since review". */
  changedSince: z.boolean(),
});
export type LibraryReview = z.infer<typeof libraryReviewSchema>;

export const libraryNeedsUpdatingSchema = z.object({
  reason: z.string(),
  by: personRefSchema.nullable(),
  at: isoDateSchema,
});
export type LibraryNeedsUpdating = z.infer<typeof libraryNeedsUpdatingSchema>;

/** Where an entry came from or where it is discussed: a message in a conversation. */
export const libraryMessageLinkSchema = z.object({
  conversationId: idSchema,
  messageId: idSchema,
});
export type LibraryMessageLink = z.infer<typeof libraryMessageLinkSchema>;

/** An entry as a reader sees it, with its current content. */
export const libraryEntrySchema = libraryContentSchema.extend({
  id: idSchema,
  status: libraryStatusSchema,
  /** The current revision's number (1-based); a save names it as its base. */
  revision: z.number().int().positive(),
  /** null once the author's account was erased, and for the starting entries. */
  author: personRefSchema.nullable(),
  /** One of the League's starting entries (loaded at first start): no person is its author. */
  startingContent: z.boolean().optional(),
  /** Everyone else who saved a revision (erased accounts left out). */
  contributors: z.array(personRefSchema),
  /** Who saved the current revision; null once erased. */
  editor: personRefSchema.nullable(),
  /** People quoted from chat who agreed to be credited. */
  credits: z.array(personRefSchema),
  review: libraryReviewSchema.nullable(),
  validationCount: z.number().int().nonnegative(),
  /** The reader said "we tried this too" (false in the broadcast `library:entryUpdated`:
   * a client keeps its own value from `library:get`). */
  validatedByMe: z.boolean(),
  /** The reader follows the entry (told when it changes); false in the broadcast, like
   * `validatedByMe`. */
  followedByMe: z.boolean(),
  needsUpdating: libraryNeedsUpdatingSchema.nullable(),
  /** The root message of the entry's discussion thread in the library channel. */
  discussion: libraryMessageLinkSchema.nullable(),
  /** "Save to library": the message (or thread root) it was saved from. */
  origin: libraryMessageLinkSchema.nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
  publishedAt: isoDateSchema.nullable(),
});
export type LibraryEntry = z.infer<typeof libraryEntrySchema>;

/** A range of a snippet that matched a query word (for <mark>). */
const highlightSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

/** An entry in a list: no body, no sources. */
export const libraryEntrySummarySchema = libraryEntrySchema
  .omit({
    body: true,
    sources: true,
    contributors: true,
    credits: true,
    discussion: true,
    origin: true,
    editor: true,
    validatedByMe: true,
    followedByMe: true,
  })
  .extend({
    /** With a search: plain text around the first match in the body; otherwise null. */
    snippet: z.string().nullable(),
    highlights: z.array(highlightSchema),
  });
export type LibraryEntrySummary = z.infer<typeof libraryEntrySummarySchema>;

/** One revision in the revision list. */
export const libraryRevisionSummarySchema = z.object({
  number: z.number().int().positive(),
  editor: personRefSchema.nullable(),
  createdAt: isoDateSchema,
  /** A typo-sized change (the minor-edit rule): it keeps the review stamp. */
  minor: z.boolean(),
  /** Set when this revision restored an older one. */
  restoredFrom: z.number().int().positive().nullable(),
  title: z.string(),
});
export type LibraryRevisionSummary = z.infer<typeof libraryRevisionSummarySchema>;

/** One revision with its whole content. */
export const libraryRevisionSchema = libraryRevisionSummarySchema.extend({
  entryId: idSchema,
  content: libraryContentSchema,
});
export type LibraryRevision = z.infer<typeof libraryRevisionSchema>;

/** A word-level difference: the text in order, each part kept, added or removed. */
export const diffPartSchema = z.object({
  kind: z.enum(['same', 'added', 'removed']),
  text: z.string(),
});
export type DiffPart = z.infer<typeof diffPartSchema>;

/** The keys of the content that are not text (themes, steps, level, sources...). */
export const LIBRARY_METADATA_FIELDS = [
  'language',
  'themes',
  'steps',
  'cooperationModel',
  'qualityAreas',
  'level',
  'municipalityCode',
  'countyCode',
  'sources',
] as const;
export const libraryMetadataFieldSchema = z.enum(LIBRARY_METADATA_FIELDS);

/** The difference from one content to another: word diffs of the texts, changed metadata. */
export const libraryDiffSchema = z.object({
  title: z.array(diffPartSchema),
  summary: z.array(diffPartSchema),
  body: z.array(diffPartSchema),
  /** Metadata fields whose value differs (their values are in the two contents). */
  metadataChanged: z.array(libraryMetadataFieldSchema),
});
export type LibraryDiff = z.infer<typeof libraryDiffSchema>;

/**
 * Sent with LIBRARY_CONFLICT (ErrorBody.conflict): someone saved after the revision the save was
 * based on. `theirs` is the entry's current revision; `theirChanges` what they changed since the
 * base; `yourChanges` the difference from theirs to the refused content. Merge, then save again
 * with `theirs.number` as the base.
 */
export const libraryConflictSchema = z.object({
  entryId: idSchema,
  baseRevision: z.number().int().positive(),
  theirs: libraryRevisionSchema,
  theirChanges: libraryDiffSchema,
  yourChanges: libraryDiffSchema,
});
export type LibraryConflict = z.infer<typeof libraryConflictSchema>;

/* ---- Find: filters, facets, sorts ---- */

export const LIBRARY_SORTS = ['updated', 'most-validated', 'review-due'] as const;
export const librarySortSchema = z.enum(LIBRARY_SORTS);
export type LibrarySort = z.infer<typeof librarySortSchema>;

/** Within one facet the chosen values are alternatives (OR); across facets all hold (AND). */
export const libraryFiltersSchema = z
  .object({
    themes: uniqueArray(libraryThemeSchema, LIBRARY_THEMES.length).optional(),
    steps: uniqueArray(libraryStepSchema, LIBRARY_STEPS.length).optional(),
    cooperationModels: uniqueArray(cooperationModelSchema, COOPERATION_MODELS.length).optional(),
    qualityAreas: uniqueArray(qualityAreaSchema, QUALITY_AREAS.length).optional(),
    counties: uniqueArray(countyCodeSchema, 30).optional(),
    languages: uniqueArray(languageSchema, 3).optional(),
  })
  .strict();
export type LibraryFilters = z.input<typeof libraryFiltersSchema>;

export const LIBRARY_FACETS = [
  'themes',
  'steps',
  'cooperationModels',
  'qualityAreas',
  'counties',
  'languages',
] as const;
export type LibraryFacet = (typeof LIBRARY_FACETS)[number];

const facetCounts = <T extends z.ZodType>(value: T) =>
  z.array(z.object({ value, count: z.number().int().nonnegative() }));

/**
 * Counts per facet value, of the entries the reader may see that match the query and every
 * other facet's filter (so choosing a value in one facet never hides that facet's alternatives).
 * Values with no entries are left out.
 */
export const libraryFacetCountsSchema = z.object({
  themes: facetCounts(libraryThemeSchema),
  steps: facetCounts(libraryStepSchema),
  cooperationModels: facetCounts(cooperationModelSchema),
  qualityAreas: facetCounts(qualityAreaSchema),
  counties: facetCounts(z.string()),
  languages: facetCounts(languageSchema),
});
export type LibraryFacetCounts = z.infer<typeof libraryFacetCountsSchema>;

export const libraryListQuerySchema = z
  .object({
    /** Free words, matched like message search (inflections, typos, prefixes). */
    q: z.string().trim().max(200).optional(),
    filters: libraryFiltersSchema.optional(),
    /** Default: the closest matches with `q`, else `updated`. */
    sort: librarySortSchema.optional(),
    /** `published` (default): the library; `my-drafts`: the reader's own drafts. */
    scope: z.enum(['published', 'my-drafts']).optional(),
    offset: z.number().int().min(0).max(100_000).optional(),
    limit: z.number().int().min(1).max(MAX_LIBRARY_PAGE_SIZE).optional(),
  })
  .strict();
export type LibraryListQuery = z.input<typeof libraryListQuerySchema>;

export const libraryListResultSchema = z.object({
  entries: z.array(libraryEntrySummarySchema),
  /** All matches (before paging). */
  total: z.number().int().nonnegative(),
  facets: libraryFacetCountsSchema,
  /** Offset of the next page; null on the last. */
  nextOffset: z.number().int().nonnegative().nullable(),
});
export type LibraryListResult = z.infer<typeof libraryListResultSchema>;

/* ---- Social: validations, credits, presence ---- */

export const libraryValidationSchema = z.object({
  /** null once the person's account was erased. */
  person: personRefSchema.nullable(),
  municipalityCode: z.string().nullable(),
  createdAt: isoDateSchema,
});
export type LibraryValidation = z.infer<typeof libraryValidationSchema>;

export const LIBRARY_CREDIT_STATUSES = ['requested', 'accepted', 'declined'] as const;
export const libraryCreditStatusSchema = z.enum(LIBRARY_CREDIT_STATUSES);

/** A request to the person quoted in a saved chat message: may we name you in the credits? */
export const libraryCreditRequestSchema = z.object({
  entryId: idSchema,
  entryTitle: z.string(),
  /** Who saved the message to the library; null once erased. */
  requestedBy: personRefSchema.nullable(),
  status: libraryCreditStatusSchema,
  createdAt: isoDateSchema,
});
export type LibraryCreditRequest = z.infer<typeof libraryCreditRequestSchema>;

/** Who has the entry open now, and whether they are editing it. */
export const libraryPresenceSchema = z.object({
  entryId: idSchema,
  people: z.array(z.object({ person: personRefSchema, editing: z.boolean() })),
});
export type LibraryPresence = z.infer<typeof libraryPresenceSchema>;

/* ---- Events ---- */

const entryId = z.object({ id: idSchema }).strict();
const entryResult = z.object({ entry: libraryEntrySchema });

export const libraryCreateSchema = z.object({ content: libraryContentSchema }).strict();
export const librarySaveSchema = z
  .object({
    id: idSchema,
    /** The revision the editor started from: refused with LIBRARY_CONFLICT if not current. */
    baseRevision: z.number().int().positive(),
    content: libraryContentSchema,
  })
  .strict();
export const libraryRevisionRefSchema = z
  .object({ id: idSchema, number: z.number().int().positive() })
  .strict();
export const libraryDiffQuerySchema = z
  .object({
    id: idSchema,
    from: z.number().int().positive(),
    to: z.number().int().positive(),
  })
  .strict();
export const libraryRestoreSchema = z
  .object({
    id: idSchema,
    /** The revision to bring back. */
    number: z.number().int().positive(),
    /** The current revision as the restorer saw it (a restore is a save). */
    baseRevision: z.number().int().positive(),
  })
  .strict();
export const libraryReviewStampSchema = z
  .object({
    id: idSchema,
    /** The revision reviewed: the current one as the expert read it. */
    revision: z.number().int().positive(),
    /** Default: LIBRARY_REVIEW_MONTHS from now. */
    dueAt: isoDateSchema.optional(),
  })
  .strict();
export const libraryValidateSchema = z
  .object({
    id: idSchema,
    /** Where it was tried; default: the person's own municipality. */
    municipalityCode: municipalityCodeSchema.nullable().optional(),
  })
  .strict();
export const libraryFlagSchema = z
  .object({
    id: idSchema,
    reason: z.string().trim().min(1).max(MAX_LIBRARY_FLAG_REASON_LENGTH),
  })
  .strict();
export const libraryFromChatSchema = z
  .object({
    messageId: idSchema,
    /** Take the message's whole thread (the message must then be a thread root). */
    wholeThread: z.boolean().optional(),
  })
  .strict();
export const libraryCreditAnswerSchema = z
  .object({ entryId: idSchema, accept: z.boolean() })
  .strict();
/** Follow (or stop following) an entry: a notification when someone saves or publishes it. */
export const libraryFollowSchema = z.object({ entryId: idSchema, follow: z.boolean() }).strict();
export const libraryWatchSchema = z.object({ id: idSchema, editing: z.boolean() }).strict();

export const libraryClientEvents = {
  /** Browse and search: the entries the reader may see, with facet counts. */
  'library:list': defineClientEvent(libraryListQuerySchema, libraryListResultSchema),
  /** One entry (a draft only to its author and staff). */
  'library:get': defineClientEvent(entryId, entryResult),
  /** A new draft (revision 1), by its author. */
  'library:create': defineClientEvent(libraryCreateSchema, entryResult),
  /** A new revision; LIBRARY_CONFLICT (with ErrorBody.conflict) when the base is not current. */
  'library:save': defineClientEvent(librarySaveSchema, entryResult),
  /** The author publishes their draft. */
  'library:publish': defineClientEvent(entryId, entryResult),
  /** Own draft, or any entry by staff. */
  'library:delete': defineClientEvent(entryId, emptySchema),
  /** Newest first. */
  'library:revisions': defineClientEvent(
    entryId,
    z.object({ revisions: z.array(libraryRevisionSummarySchema) }),
  ),
  'library:revision': defineClientEvent(
    libraryRevisionRefSchema,
    z.object({ revision: libraryRevisionSchema }),
  ),
  /** Word-level difference between any two revisions (from → to). */
  'library:diff': defineClientEvent(libraryDiffQuerySchema, z.object({ diff: libraryDiffSchema })),
  /** A new revision with an old revision's content; conflicts like a save. */
  'library:restore': defineClientEvent(libraryRestoreSchema, entryResult),

  /* Implemented by the review / validation / flag / discussion / chat / credit / presence files. */
  /** Experts: stamp a revision "expert reviewed". */
  'library:review': defineClientEvent(libraryReviewStampSchema, entryResult),
  /** Experts: remove the stamp. */
  'library:unreview': defineClientEvent(entryId, entryResult),
  /** Experts: published entries whose review is due (or that were never reviewed), due first. */
  'library:reviewDue': defineClientEvent(
    emptySchema,
    z.object({ entries: z.array(libraryEntrySummarySchema) }),
  ),
  /** "We tried this too." */
  'library:validate': defineClientEvent(libraryValidateSchema, entryResult),
  'library:unvalidate': defineClientEvent(entryId, entryResult),
  /** Who tried it, and the municipalities with their counts. */
  'library:validations': defineClientEvent(
    entryId,
    z.object({
      validations: z.array(libraryValidationSchema),
      municipalities: z.array(z.object({ code: z.string(), count: z.number().int().positive() })),
    }),
  ),
  /** Flag "needs updating" with a reason. */
  'library:flag': defineClientEvent(libraryFlagSchema, entryResult),
  /** Experts and staff clear the flag. */
  'library:clearFlag': defineClientEvent(entryId, entryResult),
  /** The entry's discussion thread (created on first need for a published entry). */
  'library:discussion': defineClientEvent(
    entryId,
    z.object({ discussion: libraryMessageLinkSchema }),
  ),
  /** "Save to library" on a message of a public channel: a prefilled draft linking back. */
  'library:fromChat': defineClientEvent(libraryFromChatSchema, entryResult),
  /** My open (and answered) credit requests. */
  'library:creditRequests': defineClientEvent(
    emptySchema,
    z.object({ requests: z.array(libraryCreditRequestSchema) }),
  ),
  'library:creditAnswer': defineClientEvent(libraryCreditAnswerSchema, emptySchema),
  /** Follow or unfollow an entry the reader may read (authors and editors follow by themselves). */
  'library:follow': defineClientEvent(libraryFollowSchema, entryResult),
  /** Open an entry (viewing or editing): answered with who else has it open. */
  'library:watch': defineClientEvent(libraryWatchSchema, libraryPresenceSchema),
  'library:unwatch': defineClientEvent(entryId, emptySchema),
};

export const libraryServerEvents = {
  /** To rooms.libraryEntry(id): a new revision, a publish, a stamp, a flag or a validation. */
  'library:entryUpdated': libraryEntrySchema,
  /** To rooms.libraryEntry(id): the entry was deleted. */
  'library:entryDeleted': z.object({ id: idSchema }),
  /** To rooms.libraryEntry(id): who has it open now. */
  'library:presence': libraryPresenceSchema,
  /** To the quoted person's own room: someone saved their words to the library. */
  'library:creditRequested': libraryCreditRequestSchema,
};
