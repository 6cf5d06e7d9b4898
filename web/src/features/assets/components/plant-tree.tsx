import { Empty, Skeleton, Tree } from 'antd';
import type { TreeDataNode } from 'antd';
import { ApartmentOutlined, BankOutlined, ClusterOutlined } from '@ant-design/icons';
import type { LineView, PlantView } from '@tiantai/shared';
import { useI18n } from '@/lib/i18n';

export interface Place {
  plantId?: string;
  lineId?: string;
}

const ALL = 'all';

function keyOf(place: Place): string {
  if (place.lineId) return `line:${place.lineId}`;
  if (place.plantId) return `plant:${place.plantId}`;
  return ALL;
}

/** The enterprise's plants with their lines; choosing one narrows the asset list to it. */
export function PlantTree({
  plants,
  lines,
  loading,
  value,
  onChange,
}: {
  plants: PlantView[];
  lines: LineView[];
  loading: boolean;
  value: Place;
  onChange: (place: Place) => void;
}) {
  const { t } = useI18n();
  if (loading) return <Skeleton active paragraph={{ rows: 5 }} />;
  if (plants.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assets.noPlants')} />;

  const treeData: TreeDataNode[] = [
    {
      key: ALL,
      title: <span data-testid="tree-all">{t('assets.allPlants')}</span>,
      icon: <ClusterOutlined />,
      children: plants.map((plant) => ({
        key: `plant:${plant.id}`,
        title: <span data-testid="tree-plant">{plant.name}</span>,
        icon: <BankOutlined />,
        children: lines
          .filter((line) => line.plantId === plant.id)
          .map((line) => ({
            key: `line:${line.id}`,
            title: <span data-testid="tree-line">{line.name}</span>,
            icon: <ApartmentOutlined />,
            isLeaf: true,
          })),
      })),
    },
  ];

  return (
    <Tree
      showIcon
      blockNode
      defaultExpandAll
      treeData={treeData}
      selectedKeys={[keyOf(value)]}
      onSelect={(keys) => {
        const key = keys[0];
        // A click on the chosen node deselects it in antd; keep it chosen instead.
        if (key === undefined) return;
        const [kind, id] = String(key).split(':');
        if (kind === 'plant') onChange({ plantId: id });
        else if (kind === 'line') onChange({ plantId: lines.find((l) => l.id === id)?.plantId, lineId: id });
        else onChange({});
      }}
      data-testid="plant-tree"
    />
  );
}
