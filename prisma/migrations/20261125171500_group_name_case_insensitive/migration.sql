-- Group names are unique ignoring case (the app already refuses "network" beside "Network").
CREATE UNIQUE INDEX "Group_name_lower_key" ON "Group"(lower("name"));
