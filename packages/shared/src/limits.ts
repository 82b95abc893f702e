// Trello's published per-object limits. Past one, a write is refused with `limit_exceeded`.
export const Limits = {
  openCardsPerBoard: 5_000,
  openListsPerBoard: 500,
  labelsPerBoard: 1_000,
  membersPerBoard: 1_600,
  checklistsPerCard: 500,
  checkItemsPerChecklist: 200,
  attachmentsPerCard: 1_000,
  attachmentsPerBoard: 36_000,
  customFieldsPerBoard: 50,
  // Tack's own cap (Trello publishes none): a list field's options, each shown in a menu.
  optionsPerCustomField: 50,
} as const;

// Field sizes, as Trello enforces them.
export const FieldLimits = {
  name: 16_384,
  desc: 16_384,
  comment: 16_384,
  checkItemName: 16_384,
  labelName: 16_384,
  customFieldName: 16_384,
  customFieldText: 16_384,
  username: 100,
  fullName: 100,
  password: 1_000,
} as const;

/** Largest request body the API accepts (JSON or form). */
export const MAX_BODY_BYTES = 1_048_576;

/** Largest Trello export the import accepts (its route alone allows bodies this large). */
export const MAX_IMPORT_BYTES = 50 * 1_048_576;
