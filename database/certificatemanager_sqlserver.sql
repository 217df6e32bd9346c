-- Certificate Manager plugin schema, version 1, for sqlserver.
-- Openfire runs this once, when ofVersion has no row for certificatemanager. Its script reader
-- joins lines up to one ending in a semicolon and skips comment lines, so every statement ends
-- its last line with a semicolon, no line carries a trailing comment, and no comment line ends
-- with a semicolon. Times are milliseconds since the epoch, as in Openfire's own tables.

-- ACME accounts, one per CA directory. directoryId is the SHA-256 (hex) of directoryUrl, which is
-- too long to index everywhere. sealedKey is the account key pair, encrypted.
CREATE TABLE ofCmAccount (
  directoryId   NVARCHAR(64)     NOT NULL,
  directoryUrl  NVARCHAR(1000)   NOT NULL,
  accountUrl    NVARCHAR(1000)   NOT NULL,
  sealedKey     NVARCHAR(MAX)    NOT NULL,
  updatedAt     BIGINT           NOT NULL,
  CONSTRAINT ofCmAccount_pk PRIMARY KEY (directoryId)
);

-- ACME orders in flight, one per set of names, saved at every step so a restart resumes the same
-- order. nameSetId is the SHA-256 (hex) of the sorted, normalized names. sealedKey is the
-- certificate key pair, encrypted.
CREATE TABLE ofCmOrder (
  nameSetId     NVARCHAR(64)     NOT NULL,
  nameList      NVARCHAR(MAX)    NOT NULL,
  keyType       NVARCHAR(16)     NOT NULL,
  sealedKey     NVARCHAR(MAX)    NOT NULL,
  directoryUrl  NVARCHAR(1000)   NOT NULL,
  orderUrl      NVARCHAR(1000)   NOT NULL,
  orderStep     NVARCHAR(32)     NOT NULL,
  chainPem      NVARCHAR(MAX),
  updatedAt     BIGINT           NOT NULL,
  CONSTRAINT ofCmOrder_pk PRIMARY KEY (nameSetId)
);

-- Requests handed to a classic CA and not yet answered. sealedKey is the key pair of the request,
-- encrypted.
CREATE TABLE ofCmPending (
  requestId  NVARCHAR(64)     NOT NULL,
  nameList   NVARCHAR(MAX)    NOT NULL,
  keyType    NVARCHAR(16)     NOT NULL,
  csrPem     NVARCHAR(MAX)    NOT NULL,
  csrNames   NVARCHAR(MAX)    NOT NULL,
  sealedKey  NVARCHAR(MAX)    NOT NULL,
  xmppIds    INTEGER          NOT NULL,
  createdAt  BIGINT           NOT NULL,
  CONSTRAINT ofCmPending_pk PRIMARY KEY (requestId)
);

-- Every issuance, renewal, revocation, failure, settings change and admin action, with who started
-- it (an admin or the scheduler).
CREATE TABLE ofCmHistory (
  eventId       BIGINT IDENTITY(1,1) NOT NULL,
  eventTime     BIGINT           NOT NULL,
  eventType     NVARCHAR(16)     NOT NULL,
  actor         NVARCHAR(64)     NOT NULL,
  nameList      NVARCHAR(MAX)    NOT NULL,
  serialNumber  NVARCHAR(64),
  issuer        NVARCHAR(1000),
  notBefore     BIGINT,
  notAfter      BIGINT,
  chainPem      NVARCHAR(MAX),
  detail        NVARCHAR(MAX),
  CONSTRAINT ofCmHistory_pk PRIMARY KEY (eventId)
);
CREATE INDEX ofCmHistory_time_idx ON ofCmHistory (eventTime);

-- The durable copy of an installed certificate, re-applied at start-up until the key store file
-- holds it. sealedKey is its private key, encrypted.
CREATE TABLE ofCmCertCopy (
  copyName   NVARCHAR(64)     NOT NULL,
  chainPem   NVARCHAR(MAX)    NOT NULL,
  sealedKey  NVARCHAR(MAX)    NOT NULL,
  savedAt    BIGINT           NOT NULL,
  CONSTRAINT ofCmCertCopy_pk PRIMARY KEY (copyName)
);

-- Settings too large for an Openfire property.
CREATE TABLE ofCmSetting (
  settingName   NVARCHAR(100)    NOT NULL,
  settingValue  NVARCHAR(MAX)    NOT NULL,
  CONSTRAINT ofCmSetting_pk PRIMARY KEY (settingName)
);

-- What renewal remembers of each managed certificate between checks: failures, the next allowed
-- attempt, the moment drawn in the CA's renewal window, the expiry alerts already sent. Shared by
-- the nodes of a cluster, so a new senior member carries on where the old one stopped. Times of the
-- last hour's attempts are a comma-separated list.
CREATE TABLE ofCmRenewal (
  certId          NVARCHAR(255)    NOT NULL,
  certNotAfter    BIGINT           NOT NULL,
  failures        INTEGER          NOT NULL,
  lastAttempt     BIGINT,
  lastError       NVARCHAR(MAX),
  lastAdvice      NVARCHAR(MAX),
  nextAttempt     BIGINT,
  recentAttempts  NVARCHAR(MAX),
  ariStart        BIGINT,
  ariEnd          BIGINT,
  ariMoment       BIGINT,
  alertDays       INTEGER,
  CONSTRAINT ofCmRenewal_pk PRIMARY KEY (certId)
);

INSERT INTO ofVersion (name, version) VALUES ('certificatemanager', 1);
