-- Orleans grain persistence on SQLite (invariant "System.Data.SQLite", driver Microsoft.Data.Sqlite).
--
-- Run by DatabaseSchemaInstaller.EnsureSqliteSchemaAsync inside one IMMEDIATE transaction, after it
-- has switched the file to WAL journal mode. Every statement is idempotent, so running the script
-- again (or from several processes at once) is harmless, and a newer application version replaces
-- the query texts because OrleansQuery rows are upserted.
--
-- Differences from the Orleans reference script, and why:
--   * A grain's identity (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
--     is UNIQUE, so a grain can never own two rows. The reference only has a non-unique hash index
--     and two concurrent first writes could both insert.
--   * GrainIdExtensionString is stored as '' instead of NULL (the provider sends NULL for keys
--     without an extension), so the unique constraint also covers those keys: NULLs never collide
--     in a UNIQUE constraint. Reads compare against COALESCE(@GrainIdExtensionString, '').
--   * The first write is INSERT ... ON CONFLICT DO NOTHING: of two concurrent first writes exactly
--     one inserts; the other gets no row back, which the provider reports as a version conflict
--     (InconsistentStateException).
--   * Rows are found by identity, not by the provider's hashes: the hashes are stored for
--     diagnostics only, so changing the hash picker cannot orphan state.
--
-- Result contract (Orleans.Storage.AdoNetGrainStorage):
--   ReadFromStorageKey  -> columns PayloadBinary, Version (no row: never written).
--   WriteToStorageKey   -> one row NewGrainStateVersion on success, no row on a version conflict.
--   ClearStorageKey     -> one row (new version) on success, no row on a version conflict.
--   DeleteStorageKey    -> same as Clear, but removes the row (used when DeleteStateOnClear=true).

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdExtensionString TEXT    NOT NULL DEFAULT '',
    ServiceId              TEXT    NOT NULL,
    PayloadBinary          BLOB    NULL,
    -- ISO-8601 UTC text; informational only.
    ModifiedOn             TEXT    NOT NULL,
    Version                INTEGER NOT NULL,

    CONSTRAINT UQ_OrleansStorage_GrainIdentity
        UNIQUE (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''');
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Two statements, each atomic on its own and each active for exactly one case of
-- @GrainStateVersion, so at most one of them returns a row.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary,
        ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''),
        Version = Version + 1
    WHERE @GrainStateVersion IS NOT NULL
      AND Version = @GrainStateVersion
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''')
    RETURNING Version AS NewGrainStateVersion;

    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
         GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           COALESCE(@GrainIdExtensionString, ''''), @ServiceId, @PayloadBinary,
           strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''),
        Version = Version + 1
    WHERE @GrainStateVersion IS NOT NULL
      AND Version = @GrainStateVersion
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''')
    RETURNING Version AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
    DELETE FROM OrleansStorage
    WHERE @GrainStateVersion IS NOT NULL
      AND Version = @GrainStateVersion
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''')
    RETURNING Version + 1 AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Notification outbox: messages (a recovered code, a confirmation) written with the change that causes
-- them and delivered by OutboxSender with retries. Times are Unix milliseconds (UTC). A message's body
-- (which may hold a confirmation code) is erased once it has been delivered or given up.
CREATE TABLE IF NOT EXISTS scheduler_outbox
(
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id      TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    recipient       TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    throttle_key    TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    sent_at         INTEGER NULL,
    failed_at       INTEGER NULL,
    last_error      TEXT    NULL
);

CREATE INDEX IF NOT EXISTS ix_scheduler_outbox_due
    ON scheduler_outbox (service_id, next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

CREATE INDEX IF NOT EXISTS ix_scheduler_outbox_throttle
    ON scheduler_outbox (service_id, throttle_key, created_at);

-- Seat journal: one row per seat change of a day inventory (the appointment's record after the change,
-- serialised with the Orleans serializer). A day's memory is its snapshot (grain state 'dayInventory', which
-- names the last row it folds in) plus its rows after that, in sequence order. The key makes a second
-- activation of a day that writes at a place already taken fail on that row alone (INSERT OR IGNORE).
CREATE TABLE IF NOT EXISTS scheduler_seat_journal
(
    service_id  TEXT    NOT NULL,
    day_key     TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    code        TEXT    NOT NULL,
    payload     BLOB    NOT NULL,
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (service_id, day_key, seq)
) WITHOUT ROWID;

-- Claims: which code and day a document holds (or held) for a procedure, changed in the transaction of its
-- seat's journal row. The document number is stored only as a keyed hash (document_key). At most one active
-- claim per document, type, country and procedure: a second booking that memory could not see is refused here.
CREATE TABLE IF NOT EXISTS scheduler_claims
(
    service_id      TEXT    NOT NULL,
    code            TEXT    NOT NULL,
    document_key    TEXT    NOT NULL,
    document_type   TEXT    NOT NULL,
    country         TEXT    NOT NULL,
    procedure       TEXT    NOT NULL,
    day_key         TEXT    NOT NULL,
    moving_from     TEXT    NULL,
    idempotency_key TEXT    NULL,
    fingerprint     TEXT    NULL,
    active          INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    PRIMARY KEY (service_id, code)
) WITHOUT ROWID;

CREATE UNIQUE INDEX IF NOT EXISTS ux_scheduler_claims_active
    ON scheduler_claims (service_id, document_key, document_type, country, procedure) WHERE active = 1;

CREATE INDEX IF NOT EXISTS ix_scheduler_claims_document ON scheduler_claims (service_id, document_key);

-- Waitlist: one row per entry, appended when it joins and updated once when it finishes (booked, left, expired);
-- the row then keeps the outcome its owner may still read, without name, document number or contact. seq is the
-- arrival order across every partition. A partition (procedure/office nearest home) reads its waiting rows only.
CREATE TABLE IF NOT EXISTS scheduler_waitlist
(
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id    TEXT    NOT NULL,
    entry_id      TEXT    NOT NULL,
    partition_key TEXT    NOT NULL,
    status        INTEGER NOT NULL,
    payload       BLOB    NOT NULL,
    joined_at     INTEGER NOT NULL,
    finished_at   INTEGER NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_scheduler_waitlist_entry ON scheduler_waitlist (service_id, entry_id);

CREATE INDEX IF NOT EXISTS ix_scheduler_waitlist_waiting
    ON scheduler_waitlist (service_id, partition_key, seq) WHERE status = 0;

-- Whose waiting entries these are (the keyed hash of the document number, as in scheduler_claims): a row per waiting
-- entry, inserted with it and deleted when it finishes, in the same transactions. A booking made by hand looks here
-- (a batch of bookings at a time) to take its person off the waitlist.
CREATE TABLE IF NOT EXISTS scheduler_waitlist_documents
(
    service_id    varchar(150) NOT NULL,
    entry_id      varchar(40)  NOT NULL,
    document_key  varchar(100) NOT NULL,
    procedure     varchar(100) NOT NULL,
    PRIMARY KEY (service_id, entry_id)
);

CREATE INDEX IF NOT EXISTS ix_scheduler_waitlist_documents_key ON scheduler_waitlist_documents (service_id, document_key);

-- The erasure of personal data finds closed claims by age, and deletes a day's claims once the day is erased.
CREATE INDEX IF NOT EXISTS ix_scheduler_claims_updated ON scheduler_claims (service_id, updated_at);
CREATE INDEX IF NOT EXISTS ix_scheduler_claims_day ON scheduler_claims (service_id, day_key);

-- How far the erasure of personal data has come: every day up to and including erased_through (yyyy-MM-dd) is erased.
CREATE TABLE IF NOT EXISTS scheduler_erasure
(
    service_id      TEXT    NOT NULL PRIMARY KEY,
    erased_through  TEXT    NOT NULL
);

-- One-time upgrades of data written by earlier releases, by name.
CREATE TABLE IF NOT EXISTS scheduler_migrations
(
    name       TEXT    NOT NULL PRIMARY KEY,
    applied_at INTEGER NOT NULL
);

-- Operator operations (capacity changes, closures, counter transfers), one row each, keyed by the operation id
-- the client sent (Idempotency-Key or transferId) or the server gave. The row is written before the change and
-- drives it (payload: the request, progress and outcome, serialised with the Orleans serializer), so it is also
-- the change's audit entry: who, what, target, when, why. A retry reads it; an append costs one row whatever
-- the month already holds. Times are Unix milliseconds (UTC). version guards against a second writer.
CREATE TABLE IF NOT EXISTS scheduler_operations
(
    service_id   TEXT    NOT NULL,
    operation_id TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    action       TEXT    NOT NULL,
    target       TEXT    NOT NULL,
    actor        TEXT    NOT NULL,
    reason       TEXT    NULL,
    detail       TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    payload      BLOB    NULL,
    PRIMARY KEY (service_id, operation_id)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS ix_scheduler_operations_created ON scheduler_operations (service_id, created_at);

-- Reminders for hosts without the ADO.NET reminder provider (SQLite storage: the embedded host and test
-- clusters). The same contract as OrleansRemindersTable: grain_hash is the grain's uniform hash (0..2^32-1),
-- period in milliseconds, version the ETag.
CREATE TABLE IF NOT EXISTS scheduler_reminders
(
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    start_time    INTEGER NOT NULL,
    period        INTEGER NOT NULL,
    grain_hash    INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS ix_scheduler_reminders_hash ON scheduler_reminders (service_id, grain_hash);

-- Waiting room (admission): one row per ticket, inserted when it joins, updated when it is admitted and when its
-- admission is spent on a booking (or given back). seq is the arrival number; early_key, when set, is the random place
-- of someone who arrived before the announced opening. A partition reads the rows of its recent tickets on activation.
CREATE TABLE IF NOT EXISTS scheduler_admission
(
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id    TEXT    NOT NULL,
    ticket        TEXT    NOT NULL,
    partition_key TEXT    NOT NULL,
    early_key     INTEGER NULL,
    arrived_at    INTEGER NOT NULL,
    admitted_at   INTEGER NULL,
    spent         INTEGER NOT NULL DEFAULT 0,
    spent_key     TEXT    NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_scheduler_admission_ticket ON scheduler_admission (service_id, ticket);

CREATE INDEX IF NOT EXISTS ix_scheduler_admission_partition ON scheduler_admission (service_id, partition_key, arrived_at);

-- Tickets past their lifetime are deleted oldest first, a batch at a time (AdmissionTicketSweeper): found by age.
CREATE INDEX IF NOT EXISTS ix_scheduler_admission_arrived ON scheduler_admission (service_id, arrived_at);
