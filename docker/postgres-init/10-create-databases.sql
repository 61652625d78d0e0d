-- Runs once, when the PostgreSQL volume is first initialised.
-- The PostgreSQL-only variant keeps events and read model in POSTGRES_DB (consent_ledger);
-- the KurrentDB variant keeps only its read model here, in a database of its own, so the two
-- variants never share projection tables built from different event logs.
CREATE DATABASE consent_ledger_read;
