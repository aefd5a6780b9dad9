-- Least-privilege roles for a team's shared PostgreSQL. Run once per database as a superuser (or the
-- database owner with CREATEROLE), e.g. `cinboard db roles | psql -d cinboard`, then give each login role a
-- password with psql's \password (so no password is written in a file or a shell history):
--
--   cinboard_owner     owns the schema; runs migrations, backup, restore and maintenance.
--   cinboard_app       what studios use day to day: reads and writes rows (DML only), no DDL, and
--                      row-level security limits it to the signed-in user's projects.
--   cinboard_readonly  reads every row (reports, audits); changes nothing.
--
-- Studios connect as cinboard_app (CINBOARD_DB_USER=cinboard_app). Point CINBOARD_DB_USER at
-- cinboard_owner for a studio upgrade (migrations) and for backup, restore and maintenance.
-- The script can be run again: it creates what is missing and re-applies the grants.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cinboard_owner') THEN
        CREATE ROLE cinboard_owner LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cinboard_app') THEN
        CREATE ROLE cinboard_app LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cinboard_readonly') THEN
        CREATE ROLE cinboard_readonly LOGIN;
    END IF;
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO cinboard_owner, cinboard_app, cinboard_readonly',
                   current_database());
END
$$;

-- Tables and functions made before this script (migrated by another role) pass to the owner role, so
-- it can run later migrations; serial sequences follow their tables.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT c.relname FROM pg_class c
             WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') LOOP
        EXECUTE format('ALTER TABLE %I OWNER TO cinboard_owner', r.relname);
    END LOOP;
    FOR r IN SELECT p.oid::regprocedure AS signature FROM pg_proc p
             WHERE p.pronamespace = 'public'::regnamespace LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO cinboard_owner', r.signature);
    END LOOP;
END
$$;

-- The app and read-only roles must not bypass row-level security or create anything.
ALTER ROLE cinboard_app NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
ALTER ROLE cinboard_readonly NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS;

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO cinboard_owner;
GRANT USAGE ON SCHEMA public TO cinboard_app, cinboard_readonly;

-- Tables that already exist (a database migrated before this script ran) ...
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO cinboard_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO cinboard_app;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO cinboard_readonly;
-- ... and tables the owner's later migrations create.
ALTER DEFAULT PRIVILEGES FOR ROLE cinboard_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO cinboard_app;
ALTER DEFAULT PRIVILEGES FOR ROLE cinboard_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO cinboard_app;
ALTER DEFAULT PRIVILEGES FOR ROLE cinboard_owner IN SCHEMA public
    GRANT SELECT ON TABLES TO cinboard_readonly;

-- Only migrations write the schema history.
DO $$
BEGIN
    IF to_regclass('flyway_schema_history') IS NOT NULL THEN
        REVOKE INSERT, UPDATE, DELETE ON flyway_schema_history FROM cinboard_app;
    END IF;
END
$$;
