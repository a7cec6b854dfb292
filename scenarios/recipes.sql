-- The three recipes of the compose post.
SELECT 'This is scenario recipes' AS announce;
INSERT INTO recipes (recipe_id, recipe_name) VALUES (1, 'Tacos'), (2, 'Tomato Soup'), (3, 'Grilled Cheese');
