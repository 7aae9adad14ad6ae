-- Run once by the postgres image on an empty volume (docker-compose.yml): one database per service.
-- The names are the services' lower-case names, as in deploy/lib/env.sh (service_db).
CREATE DATABASE membership;
CREATE DATABASE exchanges;
CREATE DATABASE peacebuilding;
CREATE DATABASE exports;
