-- Run once by the postgres image on an empty volume (docker-compose.yml): one database per service.
-- The names are the "database" of each service in deploy/services.json (tests/Deployment.Tests checks it).
CREATE DATABASE membership;
CREATE DATABASE exchanges;
CREATE DATABASE peacebuilding;
CREATE DATABASE exports;
CREATE DATABASE portfolio;
CREATE DATABASE integrations;
