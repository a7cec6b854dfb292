-- The users of the project-setup posts: an id, and an email that is unique and never empty.
CREATE TABLE users (
    id    serial  PRIMARY KEY,
    email varchar NOT NULL UNIQUE
);
