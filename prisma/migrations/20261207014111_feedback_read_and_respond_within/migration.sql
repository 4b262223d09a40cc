-- AlterTable
ALTER TABLE "staff_networks" ADD COLUMN     "respond_within_days" INTEGER NOT NULL DEFAULT 10;

-- AlterTable
ALTER TABLE "feedback" ADD COLUMN     "read_on" DATE;
