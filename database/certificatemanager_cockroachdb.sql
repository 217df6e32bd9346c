-- Certificate Manager plugin schema, version 1, for cockroachdb.
-- Openfire runs this once, when ofVersion has no row for certificatemanager. Its script reader
-- joins lines up to one ending in a semicolon and skips comment lines, so every statement ends
-- its last line with a semicolon, no line carries a trailing comment, and no comment line ends
-- with a semicolon. Times are milliseconds since the epoch, as in Openfire's own tables.

-- ACME accounts, one per CA directory. directoryId is the SHA-256 (hex) of directoryUrl, which is
-- too long to index everywhere. sealedKey is the account key pair, encrypted.
CREATE TABLE ofCmAccount (
  directoryId   VARCHAR(64)      NOT NULL,
  directoryUrl  VARCHAR(1000)    NOT NULL,
  accountUrl    VARCHAR(1000)    NOT NULL,
  sealedKey     TEXT             NOT NULL,
  updatedAt     BIGINT           NOT NULL,
  CONSTRAINT ofCmAccount_pk PRIMARY KEY (directoryId)
);

-- ACME orders in flight, one per set of names, saved at every step so a restart resumes the same
-- order. nameSetId is the SHA-256 (hex) of the sorted, normalized names. sealedKey is the
-- certificate key pair, encrypted.
CREATE TABLE ofCmOrder (
  nameSetId     VARCHAR(64)      NOT NULL,
  nameList      TEXT             NOT NULL,
  keyType       VARCHAR(16)      NOT NULL,
  sealedKey     TEXT             NOT NULL,
  directoryUrl  VARCHAR(1000)    NOT NULL,
  orderUrl      VARCHAR(1000)    NOT NULL,
  orderStep     VARCHAR(32)      NOT NULL,
  chainPem      TEXT,
  updatedAt     BIGINT           NOT NULL,
  CONSTRAINT ofCmOrder_pk PRIMARY KEY (nameSetId)
);

-- Requests handed to a classic CA and not yet answered. sealedKey is the key pair of the request,
-- encrypted.
CREATE TABLE ofCmPending (
  requestId  VARCHAR(64)      NOT NULL,
  nameList   TEXT             NOT NULL,
  keyType    VARCHAR(16)      NOT NULL,
  csrPem     TEXT             NOT NULL,
  csrNames   TEXT             NOT NULL,
  sealedKey  TEXT             NOT NULL,
  xmppIds    INTEGER          NOT NULL,
  createdAt  BIGINT           NOT NULL,
  CONSTRAINT ofCmPending_pk PRIMARY KEY (requestId)
);

-- Every issuance, renewal, revocation, failure, settings change and admin action, with who started
-- it (an admin or the scheduler).
CREATE TABLE ofCmHistory (
  eventId       BIGINT NOT NULL DEFAULT unique_rowid(),
  eventTime     BIGINT           NOT NULL,
  eventType     VARCHAR(16)      NOT NULL,
  actor         VARCHAR(64)      NOT NULL,
  nameList      TEXT             NOT NULL,
  serialNumber  VARCHAR(64),
  issuer        VARCHAR(1000),
  notBefore     BIGINT,
  notAfter      BIGINT,
  chainPem      TEXT,
  detail        TEXT,
  CONSTRAINT ofCmHistory_pk PRIMARY KEY (eventId)
);
CREATE INDEX ofCmHistory_time_idx ON ofCmHistory (eventTime);

-- The durable copy of an installed certificate, re-applied at start-up until the key store file
-- holds it. sealedKey is its private key, encrypted.
CREATE TABLE ofCmCertCopy (
  copyName   VARCHAR(64)      NOT NULL,
  chainPem   TEXT             NOT NULL,
  sealedKey  TEXT             NOT NULL,
  savedAt    BIGINT           NOT NULL,
  CONSTRAINT ofCmCertCopy_pk PRIMARY KEY (copyName)
);

-- Settings too large for an Openfire property.
CREATE TABLE ofCmSetting (
  settingName   VARCHAR(100)     NOT NULL,
  settingValue  TEXT             NOT NULL,
  CONSTRAINT ofCmSetting_pk PRIMARY KEY (settingName)
);

-- What renewal remembers of each managed certificate between checks: failures, the next allowed
-- attempt, the moment drawn in the CA's renewal window, the expiry alerts already sent. Shared by
-- the nodes of a cluster, so a new senior member carries on where the old one stopped. Times of the
-- last hour's attempts are a comma-separated list.
CREATE TABLE ofCmRenewal (
  certId          VARCHAR(255)     NOT NULL,
  certNotAfter    BIGINT           NOT NULL,
  failures        INTEGER          NOT NULL,
  lastAttempt     BIGINT,
  lastError       TEXT,
  lastAdvice      TEXT,
  nextAttempt     BIGINT,
  recentAttempts  TEXT,
  ariStart        BIGINT,
  ariEnd          BIGINT,
  ariMoment       BIGINT,
  alertDays       INTEGER,
  CONSTRAINT ofCmRenewal_pk PRIMARY KEY (certId)
);

INSERT INTO ofVersion (name, version) VALUES ('certificatemanager', 1);
