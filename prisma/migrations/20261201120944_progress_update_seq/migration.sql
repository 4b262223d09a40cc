-- AlterTable
ALTER TABLE "progress_updates" ADD COLUMN     "seq" SERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "progress_updates_action_id_seq_idx" ON "progress_updates"("action_id", "seq");
