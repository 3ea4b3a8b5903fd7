-- SessionKit sessions table for MariaDB 10.6+ and MySQL 8.0+.
-- Times are epoch microseconds (UTC); attributes map each name to the attribute's JSON text.
CREATE TABLE IF NOT EXISTS ${table} (
  session_key          CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  creation_time_us     BIGINT       NOT NULL,
  last_access_time_us  BIGINT       NOT NULL,
  idle_timeout_us      BIGINT       NOT NULL,
  absolute_deadline_us BIGINT,
  expires_at_us        BIGINT       NOT NULL,
  principal            VARCHAR(512),
  attributes           LONGTEXT     NOT NULL CHECK (JSON_VALID(attributes)),
  version              BIGINT       NOT NULL,
  INDEX ${index}_expires_at (expires_at_us),
  INDEX ${index}_principal (principal)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
-- Renewed sessions' old keys, each leading to the new key until the end of its grace window.
CREATE TABLE IF NOT EXISTS ${table}_forwards (
  old_key  CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  new_key  CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  until_us BIGINT   NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
