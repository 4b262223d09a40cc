-- CreateTable
CREATE TABLE "staff_networks" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "slack_channel_id" TEXT,
    "teams_team_id" TEXT,
    "release_time" TEXT NOT NULL DEFAULT '17:00',
    "timezone" TEXT NOT NULL DEFAULT 'Europe/London',
    "threshold" INTEGER NOT NULL DEFAULT 3,
    "last_release_on" DATE,

    CONSTRAINT "staff_networks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "network_moderators" (
    "network_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,

    CONSTRAINT "network_moderators_pkey" PRIMARY KEY ("network_id","person_id")
);

-- CreateTable
CREATE TABLE "network_members" (
    "network_id" UUID NOT NULL,
    "member_hash" TEXT NOT NULL,

    CONSTRAINT "network_members_pkey" PRIMARY KEY ("network_id","member_hash")
);

-- CreateTable
CREATE TABLE "feedback" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "network_id" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "action_ids" UUID[],
    "theme_ids" UUID[],
    "day" DATE NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "receipt_hash" TEXT NOT NULL,
    "moderator_id" UUID,
    "moderated_on" DATE,
    "reject_reason" TEXT,
    "redacted" BOOLEAN NOT NULL DEFAULT false,
    "released_on" DATE,

    CONSTRAINT "feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "feedback_replies" (
    "id" UUID NOT NULL,
    "feedback_id" UUID NOT NULL,
    "author_id" UUID,
    "text" TEXT NOT NULL,
    "day" DATE NOT NULL,

    CONSTRAINT "feedback_replies_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "staff_networks_key_key" ON "staff_networks"("key");

-- CreateIndex
CREATE UNIQUE INDEX "feedback_code_key" ON "feedback"("code");

-- CreateIndex
CREATE UNIQUE INDEX "feedback_receipt_hash_key" ON "feedback"("receipt_hash");

-- CreateIndex
CREATE INDEX "feedback_network_id_status_idx" ON "feedback"("network_id", "status");

-- CreateIndex
CREATE INDEX "feedback_replies_feedback_id_idx" ON "feedback_replies"("feedback_id");

-- AddForeignKey
ALTER TABLE "network_moderators" ADD CONSTRAINT "network_moderators_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "staff_networks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "network_moderators" ADD CONSTRAINT "network_moderators_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "staff_networks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "staff_networks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_moderator_id_fkey" FOREIGN KEY ("moderator_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback_replies" ADD CONSTRAINT "feedback_replies_feedback_id_fkey" FOREIGN KEY ("feedback_id") REFERENCES "feedback"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback_replies" ADD CONSTRAINT "feedback_replies_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE CASCADE;
