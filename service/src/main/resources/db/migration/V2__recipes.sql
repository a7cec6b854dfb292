-- The recipes of the compose post. The rows come from the recipes scenario (scenarios/recipes.sql).
CREATE TABLE recipes (
    recipe_id   integer     PRIMARY KEY,
    recipe_name varchar(30) NOT NULL UNIQUE
);
