-- SessionKit sessions table for H2 2.x.
-- Times are epoch microseconds (UTC); attributes map each name to the attribute's JSON text.
CREATE TABLE IF NOT EXISTS ${table} (
  session_key          CHAR(64)               NOT NULL PRIMARY KEY,
  creation_time_us     BIGINT                 NOT NULL,
  last_access_time_us  BIGINT                 NOT NULL,
  idle_timeout_us      BIGINT                 NOT NULL,
  absolute_deadline_us BIGINT,
  expires_at_us        BIGINT                 NOT NULL,
  principal            VARCHAR(512),
  attributes           CHARACTER LARGE OBJECT NOT NULL,
  version              BIGINT                 NOT NULL
);
CREATE INDEX IF NOT EXISTS ${index}_expires_at ON ${table} (expires_at_us);
CREATE INDEX IF NOT EXISTS ${index}_principal ON ${table} (principal);
-- Renewed sessions' old keys, each leading to the new key until the end of its grace window.
CREATE TABLE IF NOT EXISTS ${table}_forwards (
  old_key  CHAR(64) NOT NULL PRIMARY KEY,
  new_key  CHAR(64) NOT NULL,
  until_us BIGINT   NOT NULL
);
