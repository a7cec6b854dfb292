-- Three users, to try the user queries on.
SELECT 'This is scenario users' AS announce;
INSERT INTO users (email) VALUES ('admin@server.com'), ('user1@server.com'), ('user2@server.com');
