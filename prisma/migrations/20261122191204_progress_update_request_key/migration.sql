-- AlterTable
ALTER TABLE "progress_updates" ADD COLUMN     "request_key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "progress_updates_request_key_key" ON "progress_updates"("request_key");
