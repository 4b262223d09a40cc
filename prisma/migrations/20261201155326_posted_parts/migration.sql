-- CreateTable
CREATE TABLE "posted_parts" (
    "delivery_id" UUID NOT NULL,
    "part" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,

    CONSTRAINT "posted_parts_pkey" PRIMARY KEY ("delivery_id","part")
);

-- CreateIndex
CREATE UNIQUE INDEX "posted_parts_platform_channel_message_id_key" ON "posted_parts"("platform", "channel", "message_id");

-- AddForeignKey
ALTER TABLE "posted_parts" ADD CONSTRAINT "posted_parts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
