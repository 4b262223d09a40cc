-- AlterTable
ALTER TABLE "feedback" ALTER COLUMN "action_ids" SET DATA TYPE TEXT[],
ALTER COLUMN "theme_ids" SET DATA TYPE TEXT[];
