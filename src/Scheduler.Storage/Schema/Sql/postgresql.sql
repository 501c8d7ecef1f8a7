-- Orleans ADO.NET schema for PostgreSQL (invariant "Npgsql"): grain persistence, clustering and
-- reminders, written for Orleans 10.4 and Npgsql 10.
--
-- Run by DatabaseSchemaInstaller.EnsurePostgresSchemaAsync inside one transaction that first takes
-- pg_advisory_xact_lock, so processes starting at the same time install one after the other.
-- Every statement is idempotent (IF NOT EXISTS, CREATE OR REPLACE, upserted OrleansQuery rows), so
-- a newer application version replaces the query texts and function bodies.
--
-- Time: every timestamp column is timestamptz and every value is written as an absolute instant.
-- Npgsql 10 maps the DbType.DateTime parameters the providers send to timestamptz and accepts
-- only DateTime values of Kind=Utc for them (Orleans passes UTC); values read back are Kind=Utc.
--
-- Unquoted identifiers fold to lower case; Npgsql matches result column names case-insensitively,
-- which is what the providers' GetOrdinal("PayloadBinary") etc. rely on.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,

    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);

-- ---------------------------------------------------------------------------------------------
-- Grain persistence
--
-- Improvements over the Orleans reference script:
--   * A grain's identity (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
--     is UNIQUE, so a grain can never own two rows.
--   * GrainIdExtensionString holds '' rather than NULL for keys without an extension, so the
--     unique constraint covers them as well (NULLs never collide in a unique constraint).
--   * The first write is INSERT ... ON CONFLICT DO NOTHING: of two concurrent first writes exactly
--     one inserts; the other returns no row, which the provider turns into InconsistentStateException.
--   * Rows are found by identity, not by the provider's hashes (kept for diagnostics only).
--   * Updates touch no indexed column, and fillfactor leaves room on each page, so state writes
--     can be HOT updates.
-- ---------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NOT NULL DEFAULT '',
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NOT NULL,

    CONSTRAINT UQ_OrleansStorage_GrainIdentity
        UNIQUE (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
) WITH (fillfactor = 90);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', $q$
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '');
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Two statements, each active for exactly one case of @GrainStateVersion, so at most one returns
-- a row. A stale version makes the UPDATE match nothing (a concurrent updater holding the row
-- lock is waited for, then its new Version no longer matches).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', $q$
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary,
        ModifiedOn = now(),
        Version = Version + 1
    WHERE @GrainStateVersion IS NOT NULL
      AND Version = @GrainStateVersion
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '')
    RETURNING Version AS NewGrainStateVersion;

    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
         GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           COALESCE(@GrainIdExtensionString, ''), @ServiceId, @PayloadBinary, now(), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT UQ_OrleansStorage_GrainIdentity DO NOTHING
    RETURNING Version AS NewGrainStateVersion;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', $q$
    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        ModifiedOn = now(),
        Version = Version + 1
    WHERE @GrainStateVersion IS NOT NULL
      AND Version = @GrainStateVersion
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '')
    RETURNING Version AS NewGrainStateVersion;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', $q$
    DELETE FROM OrleansStorage
    WHERE @GrainStateVersion IS NOT NULL
      AND Version = @GrainStateVersion
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '')
    RETURNING Version + 1 AS NewGrainStateVersion;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- ---------------------------------------------------------------------------------------------
-- Clustering
--
-- One version row per deployment (cluster id). Every membership change bumps it in the same
-- transaction, so it is the optimistic lock for the whole table: of two concurrent writers with
-- the same expected version, exactly one succeeds. IAmAlive updates do not bump it.
-- Status values are Orleans' SiloStatus: 3 = Active, 6 = Dead.
-- ---------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0,

    CONSTRAINT PK_OrleansMembershipVersionTable PRIMARY KEY (DeploymentId)
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL,
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     varchar(150) NOT NULL,
    HostName     varchar(150) NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NOT NULL DEFAULT 0,
    SuspectTimes text         NULL,
    StartTime    timestamptz  NOT NULL,
    IAmAliveTime timestamptz  NOT NULL,

    CONSTRAINT PK_OrleansMembershipTable PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_OrleansMembershipTable_Version FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Returns 1 when the row was inserted and the version bumped, 0 otherwise (stale version or a
-- duplicate silo row); on 0 nothing is changed.
CREATE OR REPLACE FUNCTION orleans_insert_membership(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
BEGIN
    -- The inner block is a savepoint: a duplicate row also undoes the version bump.
    BEGIN
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1,
            Timestamp = now()
        WHERE DeploymentId = p_deployment_id
          AND Version = p_version;
        IF NOT FOUND THEN
            RETURN 0;
        END IF;

        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
             StartTime, IAmAliveTime)
        VALUES
            (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
             COALESCE(p_proxy_port, 0), p_start_time, p_i_am_alive_time);
        RETURN 1;
    EXCEPTION
        WHEN unique_violation THEN
            RETURN 0;
    END;
END
$fn$;

-- Returns 1 when the row was updated and the version bumped, 0 otherwise; on 0 nothing is changed.
CREATE OR REPLACE FUNCTION orleans_update_membership(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1,
            Timestamp = now()
        WHERE DeploymentId = p_deployment_id
          AND Version = p_version;
        IF NOT FOUND THEN
            RETURN 0;
        END IF;

        UPDATE OrleansMembershipTable
        SET Status = p_status,
            SuspectTimes = p_suspect_times,
            IAmAliveTime = p_i_am_alive_time
        WHERE DeploymentId = p_deployment_id
          AND Address = p_address
          AND Port = p_port
          AND Generation = p_generation;
        IF NOT FOUND THEN
            -- Caught below, which rolls the version bump back.
            RAISE EXCEPTION 'membership row not found' USING ERRCODE = 'no_data_found';
        END IF;
        RETURN 1;
    EXCEPTION
        WHEN no_data_found THEN
            RETURN 0;
    END;
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', $q$
    WITH inserted AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        VALUES (@DeploymentId)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1
    )
    SELECT COUNT(*)::integer AS RowsInserted FROM inserted;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', $q$
    SELECT orleans_insert_membership(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
        @StartTime, @IAmAliveTime, @Version) AS RowsInserted;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', $q$
    SELECT orleans_update_membership(
        @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime,
        @Version) AS RowsUpdated;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', $q$
    UPDATE OrleansMembershipTable
    SET IAmAliveTime = @IAmAliveTime
    WHERE DeploymentId = @DeploymentId
      AND Address = @Address
      AND Port = @Port
      AND Generation = @Generation;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- The LEFT JOIN returns the version row even when the silo has no row yet (the provider needs
-- the version either way); one statement, so version and rows come from one snapshot.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
           m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m
           ON m.DeploymentId = v.DeploymentId
          AND m.Address = @Address
          AND m.Port = @Port
          AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
           m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = @DeploymentId;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', $q$
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
      AND Status = @Status
      AND ProxyPort > 0;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Removes only silos that are Dead and were last alive before the cut-off: a silo that is
-- still joining or shutting down keeps its row.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
      AND Status = 6
      AND IAmAliveTime < @IAmAliveTime
      AND StartTime < @IAmAliveTime;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- ---------------------------------------------------------------------------------------------
-- Reminders
--
-- GrainHash is the grain's uniform hash stored as a signed integer; the provider picks
-- ReadRangeRows1Key for a non-wrapping range and ReadRangeRows2Key for a wrapping one.
-- Period is in milliseconds. Version is the reminder's ETag.
-- ---------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150) NOT NULL,
    GrainId      varchar(512) NOT NULL,
    ReminderName varchar(150) NOT NULL,
    StartTime    timestamptz  NOT NULL,
    Period       bigint       NOT NULL,
    GrainHash    integer      NOT NULL,
    Version      integer      NOT NULL,

    CONSTRAINT PK_OrleansRemindersTable PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IF NOT EXISTS IX_OrleansRemindersTable_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', $q$
    INSERT INTO OrleansRemindersTable
        (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT ON CONSTRAINT PK_OrleansRemindersTable DO UPDATE
    SET StartTime = excluded.StartTime,
        Period = excluded.Period,
        GrainHash = excluded.GrainHash,
        Version = OrleansRemindersTable.Version + 1
    RETURNING Version;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId
      AND ReminderName = @ReminderName;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainHash > @BeginHash
      AND GrainHash <= @EndHash;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', $q$
    WITH deleted AS (
        DELETE FROM OrleansRemindersTable
        WHERE ServiceId = @ServiceId
          AND GrainId = @GrainId
          AND ReminderName = @ReminderName
          AND Version = @Version
        RETURNING 1
    )
    SELECT COUNT(*) > 0 AS Deleted FROM deleted;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', $q$
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Notification outbox: messages (a recovered code, a confirmation) written with the change that causes
-- them and delivered by OutboxSender with retries; senders on several silos claim rows with SKIP LOCKED.
-- Times are Unix milliseconds (UTC). A message's body (which may hold a confirmation code) is erased once
-- it has been delivered or given up.
CREATE TABLE IF NOT EXISTS scheduler_outbox
(
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id      varchar(150) NOT NULL,
    channel         varchar(16)  NOT NULL,
    recipient       varchar(320) NOT NULL,
    subject         text         NOT NULL,
    body            text         NOT NULL,
    throttle_key    varchar(100) NOT NULL,
    created_at      bigint       NOT NULL,
    next_attempt_at bigint       NOT NULL,
    attempts        integer      NOT NULL DEFAULT 0,
    sent_at         bigint       NULL,
    failed_at       bigint       NULL,
    last_error      text         NULL
);

CREATE INDEX IF NOT EXISTS ix_scheduler_outbox_due
    ON scheduler_outbox (service_id, next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

CREATE INDEX IF NOT EXISTS ix_scheduler_outbox_throttle
    ON scheduler_outbox (service_id, throttle_key, created_at);

-- Seat journal: one row per seat change of a day inventory (the appointment's record after the change,
-- serialised with the Orleans serializer). A day's memory is its snapshot (grain state 'dayInventory', which
-- names the last row it folds in) plus its rows after that, in sequence order. Silos insert the rows of all
-- their grains in one statement per transaction; ON CONFLICT DO NOTHING ... RETURNING tells a row that a
-- second activation of its day already wrote apart from the rest of the batch, which still commits.
CREATE TABLE IF NOT EXISTS scheduler_seat_journal
(
    service_id  varchar(150) NOT NULL,
    day_key     varchar(200) NOT NULL,
    seq         bigint       NOT NULL,
    code        varchar(20)  NOT NULL,
    payload     bytea        NOT NULL,
    recorded_at bigint       NOT NULL,
    PRIMARY KEY (service_id, day_key, seq)
);

-- Claims: which code and day a document holds (or held) for a procedure, changed in the transaction of its
-- seat's journal row. The document number is stored only as a keyed hash (document_key). At most one active
-- claim per document, type, country and procedure: a second booking that memory could not see is refused here
-- (INSERT ... ON CONFLICT DO NOTHING RETURNING tells it apart from the rest of its batch).
CREATE TABLE IF NOT EXISTS scheduler_claims
(
    service_id      varchar(150) NOT NULL,
    code            varchar(20)  NOT NULL,
    document_key    varchar(100) NOT NULL,
    document_type   varchar(20)  NOT NULL,
    country         varchar(2)   NOT NULL,
    procedure       varchar(100) NOT NULL,
    day_key         varchar(200) NOT NULL,
    moving_from     varchar(200) NULL,
    idempotency_key varchar(100) NULL,
    fingerprint     text         NULL,
    active          boolean      NOT NULL,
    created_at      bigint       NOT NULL,
    updated_at      bigint       NOT NULL,
    PRIMARY KEY (service_id, code)
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_scheduler_claims_active
    ON scheduler_claims (service_id, document_key, document_type, country, procedure) WHERE active;

CREATE INDEX IF NOT EXISTS ix_scheduler_claims_document ON scheduler_claims (service_id, document_key);

-- Waitlist: one row per entry, appended when it joins and updated once when it finishes (booked, left, expired);
-- the row then keeps the outcome its owner may still read, without name, document number or contact. seq is the
-- arrival order across every partition. A partition (procedure/office nearest home) reads its waiting rows only.
CREATE TABLE IF NOT EXISTS scheduler_waitlist
(
    seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id    varchar(150) NOT NULL,
    entry_id      varchar(40)  NOT NULL,
    partition_key varchar(300) NOT NULL,
    status        integer      NOT NULL,
    payload       bytea        NOT NULL,
    joined_at     bigint       NOT NULL,
    finished_at   bigint       NULL
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

-- Waiting room (admission): one row per ticket, inserted when it joins, updated when it is admitted and when its
-- admission is spent on a booking (or given back). seq is the arrival number; early_key, when set, is the random place
-- of someone who arrived before the announced opening. A partition reads the rows of its recent tickets on activation.
CREATE TABLE IF NOT EXISTS scheduler_admission
(
    seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id    varchar(150) NOT NULL,
    ticket        varchar(160) NOT NULL,
    partition_key varchar(200) NOT NULL,
    early_key     bigint       NULL,
    arrived_at    bigint       NOT NULL,
    admitted_at   bigint       NULL,
    spent         integer      NOT NULL DEFAULT 0,
    spent_key     varchar(100) NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_scheduler_admission_ticket ON scheduler_admission (service_id, ticket);

CREATE INDEX IF NOT EXISTS ix_scheduler_admission_partition ON scheduler_admission (service_id, partition_key, arrived_at);

-- Tickets past their lifetime are deleted oldest first, a batch at a time (AdmissionTicketSweeper): found by age.
CREATE INDEX IF NOT EXISTS ix_scheduler_admission_arrived ON scheduler_admission (service_id, arrived_at);

-- The erasure of personal data finds closed claims by age, and deletes a day's claims once the day is erased.
CREATE INDEX IF NOT EXISTS ix_scheduler_claims_updated ON scheduler_claims (service_id, updated_at);
CREATE INDEX IF NOT EXISTS ix_scheduler_claims_day ON scheduler_claims (service_id, day_key);

-- How far the erasure of personal data has come: every day up to and including erased_through (yyyy-MM-dd) is erased.
CREATE TABLE IF NOT EXISTS scheduler_erasure
(
    service_id      varchar(150) NOT NULL PRIMARY KEY,
    erased_through  varchar(10)  NOT NULL
);

-- One-time upgrades of data written by earlier releases, by name.
CREATE TABLE IF NOT EXISTS scheduler_migrations
(
    name       varchar(200) NOT NULL PRIMARY KEY,
    applied_at bigint       NOT NULL
);

-- Operator operations (capacity changes, closures, counter transfers), one row each, keyed by the operation id
-- the client sent (Idempotency-Key or transferId) or the server gave. The row is written before the change and
-- drives it (payload: the request, progress and outcome, serialised with the Orleans serializer), so it is also
-- the change's audit entry: who, what, target, when, why. A retry reads it; an append costs one row whatever
-- the month already holds. Times are Unix milliseconds (UTC). version guards against a second writer.
CREATE TABLE IF NOT EXISTS scheduler_operations
(
    service_id   varchar(150) NOT NULL,
    operation_id varchar(100) NOT NULL,
    kind         varchar(20)  NOT NULL,
    action       varchar(50)  NOT NULL,
    target       varchar(300) NOT NULL,
    actor        varchar(300) NOT NULL,
    reason       text         NULL,
    detail       text         NOT NULL,
    status       varchar(20)  NOT NULL,
    created_at   bigint       NOT NULL,
    updated_at   bigint       NOT NULL,
    version      integer      NOT NULL,
    payload      bytea        NULL,
    PRIMARY KEY (service_id, operation_id)
);

CREATE INDEX IF NOT EXISTS ix_scheduler_operations_created ON scheduler_operations (service_id, created_at);
