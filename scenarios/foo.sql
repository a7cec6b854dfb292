-- Nothing but its name: a scenario that only announces itself.
SELECT 'This is scenario foo' AS announce;
