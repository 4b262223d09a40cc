-- AlterTable
ALTER TABLE "plans" ADD COLUMN     "escalation_days" INTEGER DEFAULT 2,
ADD COLUMN     "sponsor_role_id" UUID;

-- AlterTable
ALTER TABLE "themes" ADD COLUMN     "sponsor_role_id" UUID;

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_sponsor_role_id_fkey" FOREIGN KEY ("sponsor_role_id") REFERENCES "roles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "themes" ADD CONSTRAINT "themes_sponsor_role_id_fkey" FOREIGN KEY ("sponsor_role_id") REFERENCES "roles"("id") ON DELETE SET NULL ON UPDATE CASCADE;
